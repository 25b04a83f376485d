# Issue 14: the Mesa de Partes loses an expediente most of its hours while it is closed (the
# Gerencia signs at 16:00 and the resoluciones reach the Mesa as it closes), so the lever named is
# the signing window, not another performer.
$FLUJO run -q --replications 5 models/tramite_documentario/actual.yaml | sed -n '/^where the cycle goes/,/^within/p;/^bottlenecks/,$p'
