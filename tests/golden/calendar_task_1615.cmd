out=$(mktemp -d) && $FLUJO run -q tests/fixtures/legal/tarea_1615.yaml --log "$out/log.csv" >/dev/null && head -5 "$out/log.csv"; rm -rf "$out"
