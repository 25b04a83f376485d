# A model exported with BPSim data runs as it is; the notes say what was read and normalised.
$FLUJO run tests/fixtures/import/prestamo_bpsim.bpmn --replications 2 --cases 300 | head -12
