"""skill keywords and the "this was praise" mark on feedback items

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Words the user adds to a skill so the avoidance model sees a reflection discusses it
    # (docs/avoidance.md, "Linked but not discussed"); one per line.
    with op.batch_alter_table("skills") as batch:
        batch.add_column(sa.Column("keywords", sa.Text(), nullable=False, server_default=""))
    # When the user said a comment flagged as critical was praise (NULL: not marked). The item
    # itself is never changed; clearing the mark undoes it.
    with op.batch_alter_table("feedback_items") as batch:
        batch.add_column(sa.Column("praise_marked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feedback_items") as batch:
        batch.drop_column("praise_marked_at")
    with op.batch_alter_table("skills") as batch:
        batch.drop_column("keywords")
