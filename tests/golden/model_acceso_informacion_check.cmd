$FLUJO check models/acceso_informacion/actual.yaml
