out=$(mktemp -d) && $FLUJO run -q tests/fixtures/legal/jueves_santo.yaml --log "$out/log.csv" >/dev/null && cat "$out/log.cases.csv"; rm -rf "$out"
