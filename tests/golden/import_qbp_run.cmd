# A model with QBP data (BIMP, Apromore) runs as it is.
$FLUJO run tests/fixtures/import/prestamo_qbp.bpmn --replications 2 --cases 300 --format csv | head -8
