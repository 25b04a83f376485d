# The message names the scenario as ../shared/bench/reference.yaml, wherever SHARED is.
t=$(mktemp -d) && mkdir "$t/work" && ln -s "$(cd "$SHARED" && pwd)" "$t/shared" && cd "$t/work" && $FLUJO optimize ../shared/bench/reference.yaml --target "within>=0.9" --vary "Intake:1..2"; rc=$?; rm -rf "$t"; exit $rc
