# Nothing silent (issue 15, item 8): each construct of todo.bpmn that flujo does not simulate as
# BPMN says is named with its file and line by run (even with -q); and a scenario that settles
# them (a loop probability, the instances, a delay for the message, a timeDuration) silences
# exactly those.
$FLUJO run -q tests/fixtures/unsimulated/todo.yaml 2>&1 >/dev/null
$FLUJO run -q tests/fixtures/unsimulated/todo.yaml --set "tasks.Corregir.loop=0.2" --set "tasks.Firmas.instances=2" --set "events.Esperar respuesta.duration=2h" --set "events.Aviso.duration=1h" 2>&1 >/dev/null
# the timer start event feeds the arrivals unless the scenario gives its own: then it is warned of
$FLUJO run -q tests/fixtures/unsimulated/todo.yaml --set "arrivals=[{at: s, interarrival: 12h}]" 2>&1 >/dev/null | grep "timer start"
