$FLUJO check tests/fixtures/unreachable_task.bpmn
