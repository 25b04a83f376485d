$FLUJO run -q --max-events 50 tests/fixtures/sim/mm1.yaml
