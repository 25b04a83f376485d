$FLUJO check tests/fixtures/not_bpmn.xml
