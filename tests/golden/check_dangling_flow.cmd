$FLUJO check tests/fixtures/dangling_flow.bpmn
