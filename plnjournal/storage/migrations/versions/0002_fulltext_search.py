"""full-text search index over entry titles and bodies

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op

from plnjournal.storage import search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Builds the index over the entries already there, so an upgraded journal is searchable.
    search.create_fulltext_index(op.get_bind())


def downgrade() -> None:
    search.drop_fulltext_index(op.get_bind())
