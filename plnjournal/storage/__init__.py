"""The journal on disk: SQLAlchemy models, SQLite file checks, the search index, backups, migrations."""
