"""programme mode: what is shared, the outbox of changes for the server, mentors' comments

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # What the user chose to share with their programme and the version the server holds
    # (docs/programme.md, "What is shared").
    op.create_table(
        "shared_items",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_shared_items"),
        sa.UniqueConstraint("kind", "local_id", name="uq_shared_items_kind"),
    )
    # Changes waiting for the server, removed once it has them: a sync resumes after a crash.
    op.create_table(
        "programme_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_programme_outbox"),
    )
    # Mentors' comments on shared reflections, as pulled from the server.
    op.create_table(
        "programme_comments",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("mentor", sa.String(length=300), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reflection_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name="fk_programme_comments_entry_id_entries",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("uuid", name="pk_programme_comments"),
    )
    op.create_index("ix_programme_comments_entry_id", "programme_comments", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_programme_comments_entry_id", table_name="programme_comments")
    op.drop_table("programme_comments")
    op.drop_table("programme_outbox")
    op.drop_table("shared_items")
