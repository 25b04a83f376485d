$FLUJO check tests/fixtures/truncated.bpmn
