cd tests/bad && $FLUJO check overloaded_pool.yaml
