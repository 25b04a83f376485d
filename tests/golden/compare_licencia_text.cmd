$FLUJO compare --replications 5 models/licencia_funcionamiento/actual.yaml models/licencia_funcionamiento/firma_delegada.yaml models/licencia_funcionamiento/licencia_en_el_acto.yaml
