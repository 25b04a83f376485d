$FLUJO layout tests/fixtures/rework_loop.bpmn
