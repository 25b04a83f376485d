#!/bin/sh
# tests/report.sh TMPDIR - the HTML report of every models/ procedure as a person gets it: tidy
# (HTML5) finds nothing to say about it, headless Chromium renders it to a PNG that is not blank,
# and, with tests/browser_check.js appended to a copy, the page shows each lane name of the model
# and its diagram (and charts) have no label drawn over another, over a shape or out of its
# task's box, and none without a size; at 1,400 px wide the overview shows no text under 9 px.
# Also: the XES log of `flujo run --log` validates against the schema in tests/xes.
# Prints one FAIL line per problem; exit status 0 only if there was none. Needs $FLUJO.
tmp=${1:?usage: tests/report.sh TMPDIR}
fail=0
problem() {
    echo "FAIL: $*"
    fail=1
}

for tool in tidy chromium identify xmllint; do
    command -v $tool >/dev/null || problem "$tool is not installed (see the README's first command)"
done
[ $fail -eq 0 ] || exit 1

# Chromium: headless, as root on CI machines, with a private profile so that runs never share one.
browser() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1400,2000 "$@" \
        2>>"$tmp/chromium.log"
}

for scenario in models/*/actual.yaml; do
    dir=$(dirname "$scenario")
    html="$tmp/report.html"
    rm -f "$html"
    # as-is and every redesign of the procedure: the comparison is part of the page
    if ! "$FLUJO" report "$scenario" "$dir"/*.yaml --lang es --replications 3 -q -o "$html" \
        2>"$tmp/err"; then
        problem "flujo report $scenario: $(head -3 "$tmp/err")"
        continue
    fi
    if ! tidy -q -e "$html" >"$tmp/tidy" 2>&1; then
        problem "tidy on the report of $scenario:"
        head -10 "$tmp/tidy"
    fi
    rm -f "$tmp/report.png"
    browser --screenshot="$tmp/report.png" "file://$html" >/dev/null
    colours=$(identify -format '%k' "$tmp/report.png" 2>/dev/null || echo 0)
    if [ "${colours:-0}" -lt 100 ]; then
        problem "the screenshot of the report of $scenario is blank ($colours colours)"
    fi
    # the page with the check appended, and what the check found
    sed 's#</body>##; s#</html>##' "$html" >"$tmp/checked.html"
    { printf '<script>\n'; cat tests/browser_check.js; printf '</script>\n</body>\n</html>\n'; } \
        >>"$tmp/checked.html"
    browser --dump-dom "file://$tmp/checked.html" >"$tmp/dom.html"
    sed -n '/<pre id="flujo-check">/,/<\/pre>/p' "$tmp/dom.html" |
        sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' >"$tmp/found"
    if ! grep -q "^COUNT" "$tmp/found"; then
        problem "the browser check did not run on the report of $scenario"
        tail -5 "$tmp/chromium.log"
        continue
    fi
    grep "^OVERLAP\|^COVERS\|^OUTSIDE\|^UNSEEN\|^CROSSES\|^SMALL" "$tmp/found" | while IFS= read -r line; do
        echo "FAIL: $scenario: $line"
    done
    grep -q "^OVERLAP\|^COVERS\|^OUTSIDE\|^UNSEEN\|^CROSSES\|^SMALL" "$tmp/found" && fail=1
    # each lane of the model, by name, in what the page shows (white space aside: names wrap)
    model="$dir/$(sed -n 's/^model: *\([^# ]*\).*/\1/p' "$scenario")"
    tr -d ' \t' <"$tmp/found" >"$tmp/shown"
    xmllint --xpath '//*[local-name()="lane"]/@name' "$model" | sed 's/^ name="//; s/"$//' |
        while IFS= read -r lane; do
            want=$(printf '%s' "$lane" | tr -d ' \t')
            grep -qF -- "$want" "$tmp/shown" || echo "$lane" >>"$tmp/missing"
        done
    if [ -s "$tmp/missing" ]; then
        problem "$scenario: lanes not shown in the report: $(tr '\n' ';' <"$tmp/missing")"
        rm -f "$tmp/missing"
    fi
done

# the event log: IEEE 1849 XES, valid against the schema kept in tests/xes
for scenario in models/licencia_funcionamiento/actual.yaml tests/fixtures/sim/deadlock.yaml; do
    rm -f "$tmp/log.xes"
    "$FLUJO" run "$scenario" --replications 2 -q --log "$tmp/log.xes" >/dev/null 2>"$tmp/err"
    if [ ! -s "$tmp/log.xes" ]; then
        problem "flujo run $scenario --log: no log ($(head -1 "$tmp/err"))"
    elif ! xmllint --noout --nonet --schema tests/xes/xes-ieee-1849-2016.xsd "$tmp/log.xes" \
        2>"$tmp/xsd"; then
        problem "the XES log of $scenario does not validate: $(head -3 "$tmp/xsd")"
    fi
done
exit $fail
