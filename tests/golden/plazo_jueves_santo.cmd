$FLUJO plazo --filed 2026-04-02 --plazo 8bd
