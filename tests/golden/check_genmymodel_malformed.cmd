cd "$SHARED/bpmn-miwg" && $FLUJO check genmymodel/C.1.0-export.bpmn
