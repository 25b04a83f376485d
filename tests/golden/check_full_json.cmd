$FLUJO check tests/fixtures/full.bpmn --format=json
