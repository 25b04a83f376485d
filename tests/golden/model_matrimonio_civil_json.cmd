$FLUJO run -q --format json --replications 3 models/matrimonio_civil/actual.yaml
