$FLUJO check tests/fixtures/minimal.bpmn
