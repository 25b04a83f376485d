cd "$SHARED/bench" && $FLUJO check reference.bpmn
