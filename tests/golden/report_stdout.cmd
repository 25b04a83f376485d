# Without -o the page goes to standard output: one HTML document, in the language asked for.
$FLUJO report -q --lang es --replications 2 tests/fixtures/redesign/linea.yaml | sed -n '1,2p;$p'
