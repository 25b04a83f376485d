$FLUJO optimize $SHARED/bench/reference.yaml --target "cycle_time_h<=21" --vary "Nadie:1..2"
