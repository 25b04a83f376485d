$FLUJO check tests/fixtures/minimal.bpmn -o /nonexistent-dir/report.txt
