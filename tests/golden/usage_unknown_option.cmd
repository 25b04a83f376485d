$FLUJO graph --colour tests/fixtures/minimal.bpmn
