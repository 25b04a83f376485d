cd tests/bad && $FLUJO run unknown_key.yaml
