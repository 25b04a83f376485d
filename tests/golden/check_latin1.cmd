$FLUJO check tests/fixtures/latin1.bpmn
