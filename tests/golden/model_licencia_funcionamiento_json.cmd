$FLUJO run -q --format json --replications 3 models/licencia_funcionamiento/actual.yaml
