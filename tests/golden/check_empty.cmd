$FLUJO check tests/fixtures/empty.bpmn
