$FLUJO check models/matrimonio_civil/actual.yaml
