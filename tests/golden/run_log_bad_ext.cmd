$FLUJO run --log events.txt tests/fixtures/redesign/linea.yaml
