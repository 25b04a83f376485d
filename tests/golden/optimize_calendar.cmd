# optimize varies hours as well as heads: the Gerencia's signing window (16:00 or 11:00) and the
# Mesa's performers, each staffing priced by what its staff are paid; the cheapest that meets the
# target is an hour moved, not a hire.
$FLUJO optimize --replications 5 models/tramite_documentario/firma_1100.yaml --target "work_paused<=16" --vary "calendar:Gerencia de Desarrollo Económico=firma,firma_1100,Mesa de Partes:1..2"
$FLUJO optimize --replications 5 models/tramite_documentario/firma_1100.yaml --target "work_paused<=16" --vary "calendar:Gerencia de Desarrollo Económico=firma,nocturno"
$FLUJO optimize --replications 5 models/tramite_documentario/firma_1100.yaml --target "work_paused<=16" --vary "calendar:Gerencia de Desarrollo Económico"
