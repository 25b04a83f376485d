out=$(mktemp -d) && $FLUJO graph tests/fixtures/minimal.bpmn -o "$out/g.dot" && head -3 "$out/g.dot" && ls "$out"; rm -rf "$out"
