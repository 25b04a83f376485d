$FLUJO check --format xml tests/fixtures/minimal.bpmn
