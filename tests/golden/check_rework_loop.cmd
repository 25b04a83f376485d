$FLUJO check tests/fixtures/rework_loop.bpmn
