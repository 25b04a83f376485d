#!/bin/sh
# tests/bench/peers.sh BENCH PYTHON REFERENCE.yaml - `make bench-peers`: the reference model of
# ../shared/bench for 100,000 simulated hours on one thread, by flujo and by SimPy 2 (Debian's
# python3-simpy, tests/bench/reference_simpy.py), side by side, and how many times faster flujo
# is. It measures and prints; it does not judge.
bench=${1:?} python=${2:?} ref=${3:?}
hours=100000
here=$(dirname "$0")
if ! "$python" -c "import SimPy.Simulation" 2>/dev/null; then
    echo "bench-peers: SimPy 2 is missing: sudo apt-get install -y python3-simpy" >&2
    exit 1
fi
f=$("$bench" --peer $hours "$ref") || exit 1
p=$("$python" "$here/reference_simpy.py" $hours 1) || exit 1
get() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo "reference model, $hours simulated hours, one thread ($(uname -m), $(nproc) cores)"
printf '%-22s %9s %9s %12s %14s\n' tool cases seconds cases/s "mean cycle h"
printf '%-22s %9s %9s %12s %14s\n' flujo "$(get "$f" cases)" "$(get "$f" seconds)" \
    "$(get "$f" cases_per_s)" "$(get "$f" mean_cycle_h)"
printf '%-22s %9s %9s %12s %14s\n' "SimPy $("$python" -c 'import SimPy; print(SimPy.__version__)' 2>/dev/null)" \
    "$(get "$p" cases)" "$(get "$p" seconds)" "$(get "$p" cases_per_s)" "$(get "$p" mean_cycle_h)"
awk -v a="$(get "$f" cases_per_s)" -v b="$(get "$p" cases_per_s)" \
    'BEGIN { printf "flujo is %.1f times as fast (analytic mean cycle 23.4634 h)\n", a / b }'
