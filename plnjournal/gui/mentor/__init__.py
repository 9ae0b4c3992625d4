"""The mentor window: a mentor's (or lead's) side of a programme, on its server alone."""
