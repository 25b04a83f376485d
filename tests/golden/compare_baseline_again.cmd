$FLUJO compare --replications 3 tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/sin_ventana.yaml
