$FLUJO plazo --filed 2026-03-02T10:30 --plazo 8bd
