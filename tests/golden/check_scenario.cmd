$FLUJO check tests/fixtures/sim/mmc.yaml
