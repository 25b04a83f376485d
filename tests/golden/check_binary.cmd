$FLUJO check tests/fixtures/binary.bpmn
