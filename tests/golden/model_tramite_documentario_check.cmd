$FLUJO check models/tramite_documentario/actual.yaml
