#!/bin/sh
# tests/catalogue.sh TMPDIR - the message catalogues are complete: src/base/po/flujo.pot holds
# exactly the messages of the sources ($BUILD/flujo.pot, made by xgettext), and every
# src/base/po/LANG.po translates each of them, none left fuzzy. `make pot` refreshes both after a change of messages.
# Prints one FAIL line per problem; exit status 0 only if there was none.
tmp=${1:?usage: tests/catalogue.sh TMPDIR}
BUILD=${BUILD:-build}
fail=0
ids() {
    msgcat --no-wrap --sort-output "$1" | sed -n 's/^msgid //p'
}
ids src/base/po/flujo.pot >"$tmp/pot.repo"
ids "$BUILD/flujo.pot" >"$tmp/pot.src"
if [ ! -s "$tmp/pot.src" ] || ! cmp -s "$tmp/pot.repo" "$tmp/pot.src"; then
    echo "FAIL: src/base/po/flujo.pot is not the messages of the sources: run make pot, then translate"
    diff "$tmp/pot.repo" "$tmp/pot.src" | head -10
    fail=1
fi
for po in src/base/po/*.po; do
    # msgcmp counts untranslated and fuzzy entries as missing
    if ! msgcmp "$po" "$BUILD/flujo.pot" 2>"$tmp/msgcmp"; then
        echo "FAIL: $po lacks translations: $(head -3 "$tmp/msgcmp" | tr '\n' ' ')"
        fail=1
    fi
done
exit $fail
