"""Alembic environment: runs on the connection the app hands over (no alembic.ini)."""

from alembic import context
from sqlalchemy import Connection, create_engine

from plnjournal.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate on the app's connection (``db.migrate``), or on a fresh one for Alembic's own
    command line during development."""
    connection = config.attributes.get("connection")
    if connection is None:  # used by `alembic revision --autogenerate` during development
        url = config.get_main_option("sqlalchemy.url") or "sqlite://"
        with create_engine(url).connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)


def _run(connection: Connection) -> None:
    # render_as_batch: SQLite can't ALTER most things; batch mode copies the table instead.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
