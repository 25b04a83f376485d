cd tests/bad && $FLUJO run misspelt_task.yaml
