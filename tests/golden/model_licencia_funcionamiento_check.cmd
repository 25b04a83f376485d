$FLUJO check models/licencia_funcionamiento/actual.yaml
