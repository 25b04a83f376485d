# A BPMN model with Prosimos parameters (JSON), run as Prosimos runs it: N cases from the start.
$FLUJO run tests/fixtures/import/prestamo.bpmn --params tests/fixtures/import/prestamo.json --cases 500 --replications 2
