$FLUJO check tests/fixtures/billion_laughs.bpmn
