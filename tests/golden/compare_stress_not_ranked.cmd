# A scenario marked kind: stress (a February peak, not a redesign) is shown with its figures
# but left out of the ranking, whatever its score.
$FLUJO compare --replications 3 models/matrimonio_civil/actual.yaml models/matrimonio_civil/pico_febrero.yaml models/matrimonio_civil/apertura_digital.yaml | sed -n '/^ranking/,$p'
$FLUJO compare --replications 3 --format json models/matrimonio_civil/actual.yaml models/matrimonio_civil/pico_febrero.yaml | grep -E '"(kind|rank|tied_with)"'
