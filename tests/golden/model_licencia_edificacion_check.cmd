$FLUJO check models/licencia_edificacion/actual.yaml
