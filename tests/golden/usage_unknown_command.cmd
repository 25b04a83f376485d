$FLUJO frobnicate x.bpmn
