cd tests/bad && $FLUJO run missing_model.yaml
