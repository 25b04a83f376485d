$FLUJO compare --format json --replications 3 -j 2 tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/linea.yaml
