#!/bin/sh
# tests/run.sh BUILD SHARED - runs the unit test programs, the golden CLI tests and the CLI over the
# real-model corpus, and ends with one summary line. Exit status 0 only if everything passed.
BUILD=${1:-build}
SHARED=${2:-../shared}
FLUJO=$(pwd)/$BUILD/flujo
export BUILD SHARED FLUJO
# Sanitizer reports must not hide behind the exit status 1 that bad inputs legitimately give.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What needs the shared test corpus (../shared beside the clone, or SHARED=...) is skipped when it
# is absent, and said once at the end; CI has it and runs everything.
have_shared=yes
[ -d "$SHARED/bpmn-miwg" ] && [ -d "$SHARED/bench" ] || have_shared=no
: >"$tmp/skipped"

# A test program that skips everything exits with 77; one that skips a part says so in a line
# "SKIPPED: ..." (tests/unit/test_helpers.h).
unit_pass=0 unit_fail=0 unit_skip=0
for t in "$BUILD"/tests/test_*; do
    case $t in *.o|*.d) continue ;; esac
    [ -x "$t" ] || continue
    "$t" >"$tmp/unit" 2>&1
    rc=$?
    cat "$tmp/unit"
    grep "^SKIPPED: " "$tmp/unit" >>"$tmp/skipped"
    if [ $rc -eq 0 ]; then
        unit_pass=$((unit_pass + 1))
    elif [ $rc -eq 77 ]; then
        unit_skip=$((unit_skip + 1))
    else
        unit_fail=$((unit_fail + 1))
        echo "FAIL: $t"
    fi
done

# Golden tests: tests/golden/NAME.cmd is a shell command run from the repository root with
# $FLUJO, $SHARED and $BUILD set; its stdout, then stderr, then "exit: N" must equal NAME.out.
gold_pass=0 gold_fail=0 gold_skip=0
for cmd in tests/golden/*.cmd; do
    [ -f "$cmd" ] || continue
    name=${cmd%.cmd}
    if [ $have_shared = no ] && grep -q 'SHARED' "$cmd"; then
        gold_skip=$((gold_skip + 1))
        echo "SKIPPED: golden $(basename "$name"): it reads $SHARED" >>"$tmp/skipped"
        continue
    fi
    sh "$cmd" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    { cat "$tmp/out" "$tmp/err"; echo "exit: $rc"; } >"$tmp/got"
    if cmp -s "$tmp/got" "$name.out"; then
        gold_pass=$((gold_pass + 1))
    else
        gold_fail=$((gold_fail + 1))
        echo "FAIL: $name"
        diff -u "$name.out" "$tmp/got" | head -40
    fi
done

# The CLI on every file real tools wrote: exit 0 or 1, never a signal or a sanitizer report.
corpus_n=0 corpus_fail=0
if [ $have_shared = no ]; then
    echo "SKIPPED: the CLI over the MIWG corpus: no $SHARED/bpmn-miwg" >>"$tmp/skipped"
fi
for f in "$SHARED"/bpmn-miwg/*/*.bpmn; do
    [ -f "$f" ] || break
    corpus_n=$((corpus_n + 1))
    for fmt in text json; do
        "$FLUJO" check --format $fmt "$f" >/dev/null 2>"$tmp/err"
        rc=$?
        if [ $rc -gt 1 ] || grep -q "Sanitizer\|runtime error" "$tmp/err"; then
            corpus_fail=$((corpus_fail + 1))
            echo "FAIL: flujo check --format $fmt $f (exit $rc)"
            head -20 "$tmp/err"
        fi
    done
    "$FLUJO" graph --format graphml "$f" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q "Sanitizer\|runtime error" "$tmp/err"; then
        corpus_fail=$((corpus_fail + 1))
        echo "FAIL: flujo graph $f (exit $rc)"
    fi
done

# The inputs that once made a reader crash (tests/fuzz/regress/TARGET/), through the fuzz harnesses
# built with a plain driver: they must run clean.
regress_n=0 regress_fail=0
for dir in tests/fuzz/regress/*/; do
    t=$(basename "$dir")
    for f in "$dir"*; do
        [ -f "$f" ] || continue
        regress_n=$((regress_n + 1))
        if ! "$BUILD/fuzz/regress_$t" "$f" >"$tmp/out" 2>&1 || grep -q "Sanitizer\|runtime error" "$tmp/out"; then
            regress_fail=$((regress_fail + 1))
            echo "FAIL: fuzz regression $f"
            head -20 "$tmp/out"
        fi
    done
done

# Broken inputs (tests/bad/NAME): `flujo run NAME` (a .json file: as the --params of a model) must
# exit with status 1, print nothing on standard output, and exactly NAME.err on standard error.
bad_n=0 bad_fail=0
for f in tests/bad/*; do
    case $f in *.err) continue ;; esac
    name=$(basename "$f")
    case $name in
    *.json) set -- run ../fixtures/import/mm1.bpmn --params "$name" ;;
    *) set -- run "$name" ;;
    esac
    bad_n=$((bad_n + 1))
    (cd tests/bad && timeout 120 "$FLUJO" "$@" >"$tmp/out" 2>"$tmp/err")
    rc=$?
    if [ $rc -ne 1 ] || [ -s "$tmp/out" ] || ! cmp -s "$tmp/err" "$f.err"; then
        bad_fail=$((bad_fail + 1))
        echo "FAIL: flujo $* in tests/bad (exit $rc, $(wc -c <"$tmp/out") bytes on stdout)"
        [ -f "$f.err" ] || echo "  no $f.err"
        [ -f "$f.err" ] && diff -u "$f.err" "$tmp/err" | head -10
    fi
done

# Interruption, full disks and unwritable paths lose nothing and leave nothing half-written.
output=passed
mkdir "$tmp/output"
sh tests/output.sh "$tmp/output" || output=failed

# The HTML reports in tidy and in headless Chromium, and the XES logs against the schema.
report=passed
sh tests/report.sh "$tmp" || report=failed

# The code keeps to the README's table of parts and arrows, and the check refuses what it must.
arch=passed
sh tests/arch.sh README.md "$BUILD" src || arch=failed
sh tests/arch.sh --self-test "$BUILD" || arch=failed

# The Spanish catalogue holds every message of the sources, each translated.
catalogue=passed
if ! sh tests/catalogue.sh "$tmp"; then
    catalogue=failed
fi

if [ -s "$tmp/skipped" ]; then
    echo "Skipped, without the shared test corpus at $SHARED (CI has it; make test SHARED=path to run them):"
    sed 's/^SKIPPED: /  /' "$tmp/skipped"
fi
echo "unit: $unit_pass passed, $unit_fail failed, $unit_skip skipped; corpus: $corpus_n files, $corpus_fail failed; golden: $gold_pass passed, $gold_fail failed, $gold_skip skipped; bad inputs: $bad_n, $bad_fail failed; fuzz regressions: $regress_n, $regress_fail failed; output: $output; reports: $report; catalogue: $catalogue; arch: $arch"
[ $unit_fail -eq 0 ] && [ $gold_fail -eq 0 ] && [ $corpus_fail -eq 0 ] && [ $regress_fail -eq 0 ] && [ $bad_fail -eq 0 ] && [ $output = passed ] &&
    [ $report = passed ] && [ $catalogue = passed ] && [ $arch = passed ]
