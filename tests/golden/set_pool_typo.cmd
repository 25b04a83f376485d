# A pool --set names that matches no lane and that no task's resource: names is a typo: an error
# naming the closest unit, not a phantom pool that changes nothing.
$FLUJO run models/licencia_funcionamiento/actual.yaml --set "resources.Inspectores.count=2"
