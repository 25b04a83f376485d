$FLUJO run -q tests/fixtures/sim/mm1.yaml --set horizon=2000h --set warmup=100h --replications 4 -j 2
