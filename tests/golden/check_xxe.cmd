$FLUJO check --format json tests/fixtures/xxe.bpmn
