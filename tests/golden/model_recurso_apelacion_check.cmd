$FLUJO check models/recurso_apelacion/actual.yaml
