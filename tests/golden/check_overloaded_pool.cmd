cd tests/fixtures/sim && $FLUJO check overloaded_pool.yaml
