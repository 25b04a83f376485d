$FLUJO compare tests/fixtures/redesign/linea.yaml
