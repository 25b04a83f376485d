$FLUJO help check
