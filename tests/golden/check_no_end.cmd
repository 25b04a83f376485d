$FLUJO check tests/fixtures/no_end.bpmn
