$FLUJO run -q --format csv --replications 2 --set horizon=200h tests/fixtures/sim/orsplit.yaml
