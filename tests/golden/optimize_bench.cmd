$FLUJO optimize $SHARED/bench/reference.yaml --target "cycle_time_h<=21.2" --vary "Intake:1..3,Notification:1..2"
