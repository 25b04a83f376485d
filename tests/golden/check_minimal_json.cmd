$FLUJO check --format json tests/fixtures/minimal.bpmn
