$FLUJO run -q tests/fixtures/sim/deadlock.yaml
