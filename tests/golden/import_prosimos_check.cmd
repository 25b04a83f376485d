# check with --params: the scenario the parameters make of the model, with its capacity check.
$FLUJO check tests/fixtures/import/prestamo.bpmn --params tests/fixtures/import/prestamo.json
