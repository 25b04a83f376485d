cd tests/fixtures/sim && $FLUJO run overloaded_pool.yaml --replications 2 -q -o /dev/null
