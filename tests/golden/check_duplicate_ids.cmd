$FLUJO check tests/fixtures/duplicate_ids.bpmn
