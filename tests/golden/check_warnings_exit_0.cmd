$FLUJO check tests/fixtures/and_merge_xor.bpmn
