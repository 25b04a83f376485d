cd tests/bad && $FLUJO run triangular_order.yaml
