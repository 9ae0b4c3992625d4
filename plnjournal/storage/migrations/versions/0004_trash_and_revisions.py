"""the trash (deleted reflections, restorable for 30 days) and reflections' earlier texts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A deleted reflection, whole (its fields, skills, tags and the links deleting cut, as
    # JSON), kept so it can be put back (docs/journaling.md, "Deleting and the trash").
    op.create_table(
        "trash",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_trash_deleted_at", "trash", ["deleted_at"])
    # A reflection's text before an edit from outside the window (``plnjournal edit``).
    op.create_table(
        "entry_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entries.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entry_revisions_entry_id", "entry_revisions", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_entry_revisions_entry_id", table_name="entry_revisions")
    op.drop_table("entry_revisions")
    op.drop_index("ix_trash_deleted_at", table_name="trash")
    op.drop_table("trash")
