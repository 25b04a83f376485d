$BUILD/examples/kpi models/no_such/actual.yaml
