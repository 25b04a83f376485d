$FLUJO run -q --format json --replications 3 models/tramite_documentario/actual.yaml
