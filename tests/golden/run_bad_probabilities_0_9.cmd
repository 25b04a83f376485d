cd tests/bad && $FLUJO run probabilities_0_9.yaml
