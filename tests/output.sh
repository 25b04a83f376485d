#!/bin/sh
# tests/output.sh TMPDIR - nothing is lost or half-written: Ctrl-C (SIGINT) during a long run
# reports the replications finished so far, marked partial, and exits 130; an interrupted or
# failed write never leaves a truncated file (nor its temporary); a full disk, a file size limit
# and an unwritable path are one clear error and exit status 1; a device given to -o is written,
# never replaced. Needs $FLUJO. Exit status 0 only if everything held.
d=${1:?}
fail=0
no() { # no MESSAGE - records a failure
    echo "FAIL: output: $1"
    fail=1
}
leftovers() { # leftovers DIR - temporary files left behind
    ls "$1" | grep -c 'tmp-'
}
MM1=tests/fixtures/sim/mm1.yaml

interrupt() { # interrupt SECONDS ERRFILE FLUJO-ARGS... - Ctrl-C after SECONDS; sets rc
    secs=$1 errfile=$2
    shift 2
    # a background job of a script starts with SIGINT ignored; flujo installs its own handler
    "$FLUJO" "$@" 2>"$errfile" &
    pid=$!
    sleep "$secs"
    kill -INT $pid
    wait $pid
    rc=$?
}

# SIGINT during a run that would take hours: partial results, exit 130, a complete file.
interrupt 3 "$d/partial.err" run -j 2 --set replications=100000 --format json \
    -o "$d/partial.json" "$MM1"
[ $rc -eq 130 ] || no "SIGINT: exit $rc, expected 130"
grep -q '^flujo: interrupted: reporting the [0-9]* replications finished so far (partial)$' \
    "$d/partial.err" || no "SIGINT: no 'interrupted ... (partial)' line: $(cat "$d/partial.err")"
grep -q '"partial": true' "$d/partial.json" || no "SIGINT: the JSON is not marked partial"
tail -c 2 "$d/partial.json" | grep -q '}' || no "SIGINT: the JSON is truncated"
[ "$(leftovers "$d")" -eq 0 ] || no "SIGINT: temporary files left: $(ls "$d")"

# The same for the HTML report of one scenario; a comparison needs every scenario: nothing.
interrupt 3 "$d/report.err" report -j 2 --set replications=100000 -o "$d/partial.html" "$MM1"
[ $rc -eq 130 ] || no "report, SIGINT: exit $rc, expected 130"
grep -q 'PARTIAL: interrupted after [0-9]* of 100000 replications' "$d/partial.html" ||
    no "report, SIGINT: the HTML is not marked partial: $(cat "$d/report.err")"
grep -q '</html>' "$d/partial.html" || no "report, SIGINT: the HTML is truncated"
interrupt 3 "$d/cmp.err" compare --set replications=100000 -o "$d/cmp.txt" "$MM1" \
    tests/fixtures/sim/mmc.yaml
[ $rc -eq 130 ] || no "compare, SIGINT: exit $rc, expected 130"
grep -q '^flujo: interrupted: nothing to report without every scenario$' "$d/cmp.err" ||
    no "compare, SIGINT: $(cat "$d/cmp.err")"
[ ! -e "$d/cmp.txt" ] || no "compare, SIGINT: wrote a comparison"
[ "$(leftovers "$d")" -eq 0 ] || no "SIGINT: temporary files left: $(ls "$d")"

# SIGINT before any replication finished: no result, and the previous file stays as it was.
echo "resultado anterior" >"$d/keep.txt"
interrupt 1 "$d/keep.err" run --set replications=2 --set horizon=8000000h -o "$d/keep.txt" "$MM1"
[ $rc -eq 130 ] || no "SIGINT before any replication: exit $rc, expected 130"
[ "$(cat "$d/keep.txt")" = "resultado anterior" ] || no "SIGINT before any replication: -o file changed"
[ "$(leftovers "$d")" -eq 0 ] || no "SIGINT before any replication: temporary files left"

# A full disk: standard output and -o on /dev/full.
if [ -c /dev/full ]; then
    "$FLUJO" run --set replications=2 "$MM1" >/dev/full 2>"$d/full.err"
    rc=$?
    [ $rc -eq 1 ] || no "stdout on a full disk: exit $rc, expected 1"
    [ "$(cat "$d/full.err")" = "flujo: cannot write to standard output: No space left on device" ] ||
        no "stdout on a full disk: $(cat "$d/full.err")"
    "$FLUJO" run --set replications=2 -o /dev/full "$MM1" 2>"$d/full.err"
    rc=$?
    [ $rc -eq 1 ] || no "-o /dev/full: exit $rc, expected 1"
    [ "$(cat "$d/full.err")" = "flujo: /dev/full: cannot write: No space left on device" ] ||
        no "-o /dev/full: $(cat "$d/full.err")"
    [ -c /dev/full ] || no "-o /dev/full replaced the device"
fi

# A device or a symbolic link is written, not renamed over (flujo runs as root in CI).
"$FLUJO" run --set replications=2 -o /dev/null "$MM1" || no "-o /dev/null failed"
[ -c /dev/null ] || no "-o /dev/null replaced the device with a file"
"$FLUJO" run --set replications=2 -o /dev/stdout "$MM1" >"$d/stdout.txt" || no "-o /dev/stdout failed"
[ -L /dev/stdout ] || no "-o /dev/stdout replaced the link"
grep -q '^M/M/1$' "$d/stdout.txt" || no "-o /dev/stdout: nothing written"
ln -s "$d/target.txt" "$d/link.txt"
"$FLUJO" run --set replications=2 -o "$d/link.txt" "$MM1" || no "-o a symbolic link failed"
[ -L "$d/link.txt" ] && grep -q '^M/M/1$' "$d/target.txt" ||
    no "-o a symbolic link: the link was replaced or its target not written"

# A file that outgrows the size limit (as a full disk would stop it): one error, no file left.
(
    trap '' XFSZ
    ulimit -f 1
    "$FLUJO" run --set replications=2 --format json -o "$d/big.json" "$MM1" 2>"$d/big.err"
    echo $? >"$d/big.rc"
    "$FLUJO" run --set replications=2 --set horizon=200h --log "$d/big.xes" -o /dev/null "$MM1" \
        2>"$d/log.err"
    echo $? >"$d/log.rc"
)
[ "$(cat "$d/big.rc")" -eq 1 ] || no "-o past the file size limit: exit $(cat "$d/big.rc")"
[ "$(cat "$d/big.err")" = "flujo: $d/big.json: cannot write: File too large" ] ||
    no "-o past the file size limit: $(cat "$d/big.err")"
[ ! -e "$d/big.json" ] || no "-o past the file size limit left a truncated file"
[ "$(cat "$d/log.rc")" -eq 1 ] || no "--log past the file size limit: exit $(cat "$d/log.rc")"
[ "$(cat "$d/log.err")" = "flujo: $d/big.xes: cannot write: File too large" ] ||
    no "--log past the file size limit: $(cat "$d/log.err")"
[ ! -e "$d/big.xes" ] || no "--log past the file size limit left a truncated log"
[ "$(leftovers "$d")" -eq 0 ] || no "file size limit: temporary files left: $(ls "$d")"

# Paths that cannot be written.
"$FLUJO" run --set replications=2 -o "$d/no/such/dir/out.txt" "$MM1" 2>"$d/dir.err"
rc=$?
[ $rc -eq 1 ] || no "-o in a missing directory: exit $rc"
[ "$(cat "$d/dir.err")" = "flujo: $d/no/such/dir/out.txt: cannot write: No such file or directory" ] ||
    no "-o in a missing directory: $(cat "$d/dir.err")"
"$FLUJO" run --set replications=2 -o "$d" "$MM1" 2>"$d/isdir.err"
rc=$?
[ $rc -eq 1 ] || no "-o a directory: exit $rc"
[ "$(cat "$d/isdir.err")" = "flujo: $d: cannot write: is a directory" ] ||
    no "-o a directory: $(cat "$d/isdir.err")"

# --max-seconds stops a long run cleanly and says so.
"$FLUJO" run --max-seconds 1 --set replications=100000 -o "$d/limit.txt" "$MM1" 2>"$d/limit.err"
rc=$?
[ $rc -eq 1 ] || no "--max-seconds: exit $rc"
grep -q 'stopped after 1 s of computing (--max-seconds)$' "$d/limit.err" ||
    no "--max-seconds: $(cat "$d/limit.err")"
[ ! -e "$d/limit.txt" ] || no "--max-seconds wrote a result"
exit $fail
