# cases: N runs N expedientes from the start: a scenario with a horizon cannot take it as well.
$FLUJO run tests/fixtures/sim/mm1.yaml --cases 100
