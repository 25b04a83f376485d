$FLUJO check --set "redesign=[{parallel: [Registrar, Evaluar]}, {automate: Firmar, duration: 1m, resource: unlimited}]" tests/fixtures/redesign/linea.yaml
