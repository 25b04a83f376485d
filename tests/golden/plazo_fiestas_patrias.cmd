$FLUJO plazo models/tramite_documentario/actual.yaml --filed 2026-07-27
