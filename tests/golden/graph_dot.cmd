$FLUJO graph tests/fixtures/rework_loop.bpmn
