$FLUJO run -q --format json --replications 3 --set horizon=300h tests/fixtures/sim/forkjoin.yaml
