$FLUJO check tests/fixtures/no-such-model.bpmn
