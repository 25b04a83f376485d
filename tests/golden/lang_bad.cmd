$FLUJO run --lang fr tests/fixtures/redesign/linea.yaml
