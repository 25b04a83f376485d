$FLUJO check --format json tests/fixtures/dangling_flow.bpmn
