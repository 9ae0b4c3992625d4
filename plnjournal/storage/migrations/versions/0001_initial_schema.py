"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 18:35:04.712969
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('entry_time', sa.Time(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.Column('highlight', sa.Boolean(), nullable=False),
    sa.Column('comfort', sa.Integer(), nullable=True),
    sa.Column('reflection_model', sa.String(length=100), nullable=True),
    sa.Column('source', sa.Enum('app', 'cli', 'demo', 'jrnl', 'dayone', 'markdown', 'json', name='entry_source', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('source_ref', sa.String(length=1000), nullable=True),
    sa.Column('source_key', sa.String(length=200), nullable=True),
    sa.CheckConstraint('comfort IS NULL OR (comfort BETWEEN 1 AND 5)', name=op.f('ck_entries_comfort_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entries')),
    sa.UniqueConstraint('source_key', name=op.f('uq_entries_source_key'))
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index('ix_entries_date_time', ['entry_date', 'entry_time'], unique=False)

    op.create_table('feedback_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=1000), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('format', sa.String(length=40), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_imports'))
    )
    with op.batch_alter_table('feedback_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_imports_sha256'), ['sha256'], unique=False)

    op.create_table('feedback_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('mentor', sa.String(length=300), nullable=False),
    sa.Column('file_name', sa.String(length=1000), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_requests'))
    )
    op.create_table('frameworks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('default_cadence_days', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frameworks'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], name=op.f('fk_areas_framework_id_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_areas')),
    sa.UniqueConstraint('framework_id', 'name', name=op.f('uq_areas_framework_id'))
    )
    op.create_table('entry_tags',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_tags_entry_id_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'tag', name=op.f('pk_entry_tags'))
    )
    with op.batch_alter_table('entry_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_tags_tag'), ['tag'], unique=False)

    op.create_table('scale_levels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], name=op.f('fk_scale_levels_framework_id_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scale_levels')),
    sa.UniqueConstraint('framework_id', 'level', name=op.f('uq_scale_levels_framework_id'))
    )
    op.create_table('skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('target_level', sa.Integer(), nullable=False),
    sa.Column('cadence_days', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('cadence_days IS NULL OR cadence_days > 0', name=op.f('ck_skills_cadence_positive')),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_skills_area_id_areas')),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], name=op.f('fk_skills_framework_id_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skills')),
    sa.UniqueConstraint('framework_id', 'code', name=op.f('uq_skills_framework_id'))
    )
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skills_area_id'), ['area_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.Enum('open', 'done', 'dropped', name='commitment_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('skill_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_commitments_entry_id_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_commitments_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_skill_id'), ['skill_id'], unique=False)
        batch_op.create_index('ix_commitments_state_due', ['state', 'due_on'], unique=False)

    op.create_table('entry_skills',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('self_rating', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_skills_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_entry_skills_skill_id_skills')),
    sa.PrimaryKeyConstraint('entry_id', 'skill_id', name=op.f('pk_entry_skills'))
    )
    with op.batch_alter_table('entry_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_skills_skill_id'), ['skill_id'], unique=False)

    op.create_table('feedback_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('mentor', sa.String(length=300), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['feedback_imports.id'], name=op.f('fk_feedback_items_import_id_feedback_imports')),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_feedback_items_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_items')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_feedback_items_fingerprint'))
    )
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_items_import_id'), ['import_id'], unique=False)
        batch_op.create_index('ix_feedback_items_skill_date', ['skill_id', 'given_on'], unique=False)

    op.create_table('feedback_request_skills',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['feedback_requests.id'], name=op.f('fk_feedback_request_skills_request_id_feedback_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_feedback_request_skills_skill_id_skills')),
    sa.PrimaryKeyConstraint('request_id', 'skill_id', name=op.f('pk_feedback_request_skills'))
    )
    with op.batch_alter_table('feedback_request_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_request_skills_skill_id'), ['skill_id'], unique=False)

    op.create_table('level_descriptors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_level_descriptors_skill_id_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_level_descriptors')),
    sa.UniqueConstraint('skill_id', 'level', name=op.f('uq_level_descriptors_skill_id'))
    )
    op.create_table('nudges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('shown_on', sa.Date(), nullable=False),
    sa.Column('action', sa.Enum('shown', 'written', 'dismissed', 'snoozed', name='nudge_action', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('snooze_until', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_nudges_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nudges'))
    )
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.create_index('ix_nudges_skill_date', ['skill_id', 'shown_on'], unique=False)

    op.create_table('entry_feedback',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('feedback_item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_feedback_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['feedback_item_id'], ['feedback_items.id'], name=op.f('fk_entry_feedback_feedback_item_id_feedback_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'feedback_item_id', name=op.f('pk_entry_feedback'))
    )
    with op.batch_alter_table('entry_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_feedback_feedback_item_id'), ['feedback_item_id'], unique=False)

    op.create_table('ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.Column('source', sa.Enum('self', 'mentor', name='rating_source', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('rater', sa.String(length=300), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('origin', sa.Enum('entry', 'self_assessment', 'feedback', 'import', name='rating_origin', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('feedback_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_ratings_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['feedback_item_id'], ['feedback_items.id'], name=op.f('fk_ratings_feedback_item_id_feedback_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_ratings_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings'))
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratings_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ratings_feedback_item_id'), ['feedback_item_id'], unique=False)
        batch_op.create_index('ix_ratings_skill_date', ['skill_id', 'rated_on'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_ratings_skill_date')
        batch_op.drop_index(batch_op.f('ix_ratings_feedback_item_id'))
        batch_op.drop_index(batch_op.f('ix_ratings_entry_id'))

    op.drop_table('ratings')
    with op.batch_alter_table('entry_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_feedback_feedback_item_id'))

    op.drop_table('entry_feedback')
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.drop_index('ix_nudges_skill_date')

    op.drop_table('nudges')
    op.drop_table('level_descriptors')
    with op.batch_alter_table('feedback_request_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_request_skills_skill_id'))

    op.drop_table('feedback_request_skills')
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_items_skill_date')
        batch_op.drop_index(batch_op.f('ix_feedback_items_import_id'))

    op.drop_table('feedback_items')
    with op.batch_alter_table('entry_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_skills_skill_id'))

    op.drop_table('entry_skills')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index('ix_commitments_state_due')
        batch_op.drop_index(batch_op.f('ix_commitments_skill_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_entry_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skills_area_id'))

    op.drop_table('skills')
    op.drop_table('scale_levels')
    with op.batch_alter_table('entry_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_tags_tag'))

    op.drop_table('entry_tags')
    op.drop_table('areas')
    op.drop_table('settings')
    op.drop_table('frameworks')
    op.drop_table('feedback_requests')
    with op.batch_alter_table('feedback_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_imports_sha256'))

    op.drop_table('feedback_imports')
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_date_time')

    op.drop_table('entries')

