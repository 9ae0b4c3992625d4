"""The insight charts as matplotlib figures, pure functions of core data (no Qt)."""
