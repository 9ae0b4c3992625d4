"""Alembic migrations of the journal's schema (run at open, after a backup: storage/db.py)."""
