$FLUJO check tests/fixtures/not_xml.bpmn
