# The text report in Spanish: figures, units, the plazo by rule with its keywords translated.
$FLUJO run --lang es --replications 2 models/licencia_funcionamiento/actual.yaml
