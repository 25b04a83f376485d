$FLUJO run tests/fixtures/sim/mm1.yaml --format xml
