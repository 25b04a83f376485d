$FLUJO optimize $SHARED/bench/reference.yaml --target "within>=0.9" --vary "Intake:1..2"
