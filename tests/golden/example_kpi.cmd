$BUILD/examples/kpi models/licencia_funcionamiento/actual.yaml
