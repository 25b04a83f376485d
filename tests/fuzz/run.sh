#!/bin/sh
# tests/fuzz/run.sh BUILD SECONDS SHARED - runs each libFuzzer target of BUILD/fuzz for SECONDS
# seconds on a corpus seeded with the MIWG files, the fixtures, the models and the regression
# inputs of tests/fuzz/regress/<target>/, and prints executions and coverage per target. A crash,
# leak, timeout or sanitizer report fails; its input is left in BUILD/fuzz/crash-<target>-*
# (copy it to tests/fuzz/regress/<target>/ with a name that says what it found).
build=${1:?} seconds=${2:?} shared=${3:?}
fail=0
seed() { # seed TARGET FILES...
    dir="$build/fuzz/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
    done
}
seed bpmn "$shared"/bpmn-miwg/*/*.bpmn tests/fixtures/*.bpmn tests/fixtures/*/*.bpmn models/*/*.bpmn \
    tests/bad/*.bpmn tests/bad/*.xml tests/fuzz/regress/bpmn/*
seed bpmn_sim tests/fixtures/import/*.bpmn tests/bad/bpsim_*.bpmn tests/bad/qbp_*.bpmn \
    tests/fuzz/regress/bpmn_sim/*
seed prosimos tests/fixtures/import/*.json tests/bad/*.json tests/fuzz/regress/prosimos/*
seed scenario tests/fuzz/regress/scenario/*
# scenarios of the fuzz directory's one-task model (m.bpmn) and loan model (p.bpmn)
for f in tests/fixtures/sim/*.yaml tests/fixtures/redesign/*.yaml tests/bad/*.yaml; do
    sed 's/^model: .*/model: m.bpmn/' "$f" >"$build/fuzz/corpus/scenario/$(basename "$f")"
done
for f in tests/fixtures/import/prestamo*.yaml; do
    sed 's/^model: .*/model: p.bpmn/' "$f" >"$build/fuzz/corpus/scenario/$(basename "$f")"
done
seed dist tests/fuzz/regress/dist/*
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" >"$build/fuzz/corpus/dist/seed$i"
done <tests/fuzz/seeds/dist.txt

for t in bpmn dist scenario prosimos bpmn_sim; do
    bin="$build/fuzz/fuzz_$t"
    dict=""
    [ -f "tests/fuzz/seeds/$t.dict" ] && dict="-dict=tests/fuzz/seeds/$t.dict"
    log="$build/fuzz/$t.log"
    # 30 s: the largest model accepted (20,000 elements) takes seconds to lay out under ASan.
    # Memory: no single allocation over 2 GB; for bpmn up to 4 GB of RSS in all, since reading,
    # laying out and reading back models of 20,000 elements leaves ASan's quarantine and caches
    # near 2 GB over a long run while the live heap stays under 50 MB.
    rss=2048
    [ "$t" = bpmn ] && rss=4096
    if "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=$rss -malloc_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix="$build/fuzz/crash-$t-" $dict "$build/fuzz/corpus/$t" >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1)
        echo "fuzz $t: $execs executions in ${seconds} s, $cov edges, $corp inputs, no crash"
    else
        fail=1
        echo "FAIL: fuzz $t found a problem:"
        grep -A12 "ERROR\|SUMMARY\|deadly signal\|timeout" "$log" | head -30
        ls "$build/fuzz/crash-$t-"* 2>/dev/null
    fi
done
exit $fail
