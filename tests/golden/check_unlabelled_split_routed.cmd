# the unlabelled split warns in the check of the model alone, not once a scenario routes its flows
$FLUJO check tests/fixtures/unlabelled_split.bpmn >/dev/null; $FLUJO check tests/fixtures/unlabelled_split.yaml
