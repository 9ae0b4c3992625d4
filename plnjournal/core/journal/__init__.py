"""The journal itself: reflections, days, commitments, search, settings, reflection models."""
