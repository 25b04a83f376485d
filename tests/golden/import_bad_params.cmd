# A parameter file that cannot be read: one line naming it, exit 1.
$FLUJO run tests/fixtures/import/prestamo.bpmn --params tests/fixtures/import/no_such.json
