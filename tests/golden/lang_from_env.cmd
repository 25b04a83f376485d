# Without --lang the language comes from the locale (LC_ALL, LC_MESSAGES, LANG): Spanish here.
env -u LC_ALL LANG=es_PE.UTF-8 $FLUJO run -q --replications 2 --set horizon=48h tests/fixtures/redesign/linea.yaml | head -3
