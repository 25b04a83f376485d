$FLUJO run -q --format json --replications 3 models/recurso_apelacion/actual.yaml
