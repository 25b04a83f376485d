# An alternative that cannot be read: one line naming it, exit 1, and no page left behind.
out=$(mktemp -d) && $FLUJO report -q tests/fixtures/redesign/linea.yaml tests/fixtures/redesign/bad_merge.yaml -o "$out/r.html"; echo "exit $?"; ls "$out"; rm -rf "$out"
