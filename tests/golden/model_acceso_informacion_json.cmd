$FLUJO run -q --format json --replications 3 models/acceso_informacion/actual.yaml
