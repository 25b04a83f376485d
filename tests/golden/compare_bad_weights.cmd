$FLUJO compare --weights speed=1 tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/linea.yaml
