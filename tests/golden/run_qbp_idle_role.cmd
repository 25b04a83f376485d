# QBP data may list a resource that does no task (Role 8 here): another tool's pools are not
# checked for use, so the model runs as before, with that pool idle.
$FLUJO run -q --replications 2 --format csv $SHARED/interop/simod/Production.bpmn | grep 'Role 8'
