cd tests/bad && $FLUJO run negative_count.yaml
