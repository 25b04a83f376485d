out=$(mktemp -d) && $FLUJO layout models/tramite_documentario/expediente_simple.bpmn -o "$out/l.bpmn" && cd "$out" && $FLUJO check l.bpmn && ls; rm -rf "$out"
