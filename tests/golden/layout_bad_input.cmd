$FLUJO layout tests/fixtures/not_xml.bpmn
