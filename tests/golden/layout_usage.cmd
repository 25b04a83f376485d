$FLUJO layout
