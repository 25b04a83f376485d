$FLUJO run --replications 2 --set horizon=100h --set warmup=0h models/tramite_documentario/expediente_simple.bpmn >/dev/null
