$FLUJO check models/licencia_edificacion/sin_visto.yaml
