# A pool declared new: true may be one that nothing uses yet (a redesign's); the check lists it.
$FLUJO check --set "resources.Ventanilla virtual={count: 1, new: true}" tests/fixtures/redesign/linea.yaml
