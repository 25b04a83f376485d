$FLUJO check tests/fixtures/no_start.bpmn
