"""external identifiers of frameworks, areas and skills (CASE identifiers, Mahara element ids)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TABLES = ("frameworks", "areas", "skills")


def upgrade() -> None:
    # The identifier the publishing programme gave a thing (a CASE CFItem's identifier, a
    # Mahara standard element's elementid): a re-import finds its skill by it even when the
    # code or the name changed (docs/frameworks.md, "Frameworks as programmes publish them").
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("external_id", sa.String(length=200), nullable=False, server_default="")
            )


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("external_id")
