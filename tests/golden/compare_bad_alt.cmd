$FLUJO compare --weights legal=0.7,handoffs=0.3 --replications 4 tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/bad_merge.yaml
