#!/bin/sh
# tests/update_golden.sh NAME... - rewrites tests/golden/NAME.out from what the CLI prints now.
# For intended changes only: read `git diff tests/golden` before committing.
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
FLUJO=$(pwd)/$BUILD/flujo
export BUILD SHARED FLUJO LC_ALL=C.UTF-8
for name in "$@"; do
    cmd=tests/golden/$name.cmd
    [ -f "$cmd" ] || { echo "no $cmd" >&2; exit 2; }
    sh "$cmd" >/tmp/golden.out.$$ 2>/tmp/golden.err.$$
    rc=$?
    { cat /tmp/golden.out.$$ /tmp/golden.err.$$; echo "exit: $rc"; } >"tests/golden/$name.out"
    rm -f /tmp/golden.out.$$ /tmp/golden.err.$$
done
