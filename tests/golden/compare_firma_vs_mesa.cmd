# Issue 14: moving the signing to 11:00 (free) against one more Mesa performer (+23.5% staff
# cost): the first ranks higher, and the second's price shows in the staff cost rows.
$FLUJO compare models/tramite_documentario/actual.yaml models/tramite_documentario/firma_1100.yaml models/tramite_documentario/mesa_2.yaml
