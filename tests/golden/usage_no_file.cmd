$FLUJO check
