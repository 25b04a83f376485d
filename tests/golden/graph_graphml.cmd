$FLUJO graph --format graphml tests/fixtures/minimal.bpmn
