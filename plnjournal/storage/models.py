"""The journal's data model (SQLAlchemy 2.0 typed ORM), designed for the whole product.

Every table is plain, portable SQL; the one SQLite-specific piece (the FTS5 index) lives in
``plnjournal.storage.dialect``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from plnjournal.values import (
    CommitmentState,
    EntrySource,
    NudgeAction,
    RatingOrigin,
    RatingSource,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Naive UTC, as every timestamp column stores it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:
        # Every model here is mapped to a Table (SQLAlchemy types it as any FromClause), which
        # is what the bulk inserts and Core statements over ``Model.__table__`` need.
        __table__: ClassVar[Table]


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as the value strings, checked by a CHECK constraint, portable to PostgreSQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# --- skills framework -------------------------------------------------------------------


class Framework(Base):
    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    default_cadence_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The identifier the publishing programme gave it (CASE, Mahara), kept so a re-import
    # finds it by that identifier; "" for frameworks written by hand.
    external_id: Mapped[str] = mapped_column(String(200), default="", server_default="")

    levels: Mapped[list[ScaleLevel]] = relationship(
        back_populates="framework", order_by="ScaleLevel.level", cascade="all, delete-orphan"
    )
    areas: Mapped[list[Area]] = relationship(
        back_populates="framework", order_by="Area.position", cascade="all, delete-orphan"
    )

    @property
    def scale_min(self) -> int:
        """The lowest level (1 when the scale is empty)."""
        return self.levels[0].level if self.levels else 1

    @property
    def scale_max(self) -> int:
        """The highest level (5 when the scale is empty)."""
        return self.levels[-1].level if self.levels else 5

    def level_label(self, level: int) -> str:
        """The level's name on this scale, else its number."""
        for lv in self.levels:
            if lv.level == level:
                return lv.label
        return str(level)


class ScaleLevel(Base):
    """One step of a framework's rating scale, with its label ("Competent")."""

    __tablename__ = "scale_levels"
    __table_args__ = (UniqueConstraint("framework_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(100))

    framework: Mapped[Framework] = relationship(back_populates="levels")


class Area(Base):
    __tablename__ = "areas"
    __table_args__ = (UniqueConstraint("framework_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # The identifier the publishing programme gave it (CASE, Mahara), kept so a re-import
    # finds it by that identifier; "" for frameworks written by hand.
    external_id: Mapped[str] = mapped_column(String(200), default="", server_default="")

    framework: Mapped[Framework] = relationship(back_populates="areas")
    skills: Mapped[list[Skill]] = relationship(back_populates="area", order_by="Skill.position")


class Skill(Base):
    __tablename__ = "skills"
    __table_args__ = (
        UniqueConstraint("framework_id", "code"),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    target_level: Mapped[int] = mapped_column(Integer)
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Words that show a reflection discusses this skill, beyond its name, code and
    # descriptors (one per line; docs/avoidance.md, "Linked but not discussed").
    keywords: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The identifier the publishing programme gave it (CASE, Mahara), kept so a re-import
    # finds it by that identifier; "" for frameworks written by hand.
    external_id: Mapped[str] = mapped_column(String(200), default="", server_default="")

    area: Mapped[Area] = relationship(back_populates="skills")
    descriptors: Mapped[list[LevelDescriptor]] = relationship(
        back_populates="skill", order_by="LevelDescriptor.level", cascade="all, delete-orphan"
    )

    def descriptor(self, level: int) -> str:
        """What this skill looks like at ``level`` (empty when not described)."""
        for d in self.descriptors:
            if d.level == level:
                return d.text
        return ""


class LevelDescriptor(Base):
    """What one level of one skill looks like in practice."""

    __tablename__ = "level_descriptors"
    __table_args__ = (UniqueConstraint("skill_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    skill: Mapped[Skill] = relationship(back_populates="descriptors")


# --- journal ----------------------------------------------------------------------------


class Entry(Base):
    """A reflection: "Reflection" in the UI, ``Entry`` in code."""

    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("comfort IS NULL OR (comfort BETWEEN 1 AND 5)", name="comfort_range"),
        Index("ix_entries_date_time", "entry_date", "entry_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_date: Mapped[dt.date] = mapped_column(Date)
    entry_time: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    highlight: Mapped[bool] = mapped_column(Boolean, default=False)
    comfort: Mapped[int | None] = mapped_column(Integer)
    reflection_model: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[EntrySource] = mapped_column(
        _enum(EntrySource, "entry_source"), default=EntrySource.APP
    )
    source_ref: Mapped[str | None] = mapped_column(String(1000))
    # Identifies an imported entry in its source, so re-importing adds no duplicate.
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    skill_links: Mapped[list[EntrySkill]] = relationship(
        back_populates="entry", cascade="all, delete-orphan"
    )
    tags: Mapped[list[EntryTag]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="EntryTag.tag"
    )


class EntrySkill(Base):
    """A reflection exercises a skill, optionally with a self-rating given while writing."""

    __tablename__ = "entry_skills"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), primary_key=True, index=True)
    self_rating: Mapped[int | None] = mapped_column(Integer)

    entry: Mapped[Entry] = relationship(back_populates="skill_links")
    skill: Mapped[Skill] = relationship()


class TrashItem(Base):
    """A deleted reflection, whole (JSON), restorable until the trash forgets it (30 days)."""

    __tablename__ = "trash"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    entry_date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(500), default="")
    snapshot: Mapped[str] = mapped_column(Text)


class EntryRevision(Base):
    """A reflection's title and text as they were before an edit from outside the window."""

    __tablename__ = "entry_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    title: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class EntryTag(Base):
    """Tags that matched no skill on import are kept, never dropped."""

    __tablename__ = "entry_tags"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)

    entry: Mapped[Entry] = relationship(back_populates="tags")


# --- ratings and mentor feedback --------------------------------------------------------


class FeedbackImport(Base):
    """One imported mentor feedback file."""

    __tablename__ = "feedback_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(40))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    items: Mapped[list[FeedbackItem]] = relationship(
        back_populates="feedback_import", order_by="FeedbackItem.line"
    )


class FeedbackItem(Base):
    """One rating or comment from a mentor, stored exactly as written."""

    __tablename__ = "feedback_items"
    __table_args__ = (Index("ix_feedback_items_skill_date", "skill_id", "given_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("feedback_imports.id"), index=True)
    line: Mapped[int | None] = mapped_column(Integer)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    mentor: Mapped[str] = mapped_column(String(300), default="")
    given_on: Mapped[dt.date] = mapped_column(Date)
    level: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The item's raw values as read from the file (JSON), for provenance.
    raw: Mapped[str] = mapped_column(Text, default="{}")
    # Same mentor, skill, date, rating and comment = the same item, whatever file brings it.
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    # Set when the user said a comment read as critical was praise; cleared to undo. The item
    # itself is never changed.
    praise_marked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    feedback_import: Mapped[FeedbackImport] = relationship(back_populates="items")
    skill: Mapped[Skill] = relationship()


class EntryFeedback(Base):
    """A reflection that responds to a feedback item (answers it)."""

    __tablename__ = "entry_feedback"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    feedback_item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Rating(Base):
    """A dated level on a skill, from the user or a mentor, and where it came from."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_skill_date", "skill_id", "rated_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    level: Mapped[int] = mapped_column(Integer)
    rated_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[RatingSource] = mapped_column(_enum(RatingSource, "rating_source"))
    rater: Mapped[str] = mapped_column(String(300), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[RatingOrigin] = mapped_column(_enum(RatingOrigin, "rating_origin"))
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), index=True
    )
    feedback_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    skill: Mapped[Skill] = relationship()
    feedback_item: Mapped[FeedbackItem | None] = relationship()


class FeedbackRequest(Base):
    """A template the user sent a mentor, asking for feedback on some skills."""

    __tablename__ = "feedback_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    requested_on: Mapped[dt.date] = mapped_column(Date)
    mentor: Mapped[str] = mapped_column(String(300), default="")
    file_name: Mapped[str] = mapped_column(String(1000), default="")

    skills: Mapped[list[FeedbackRequestSkill]] = relationship(cascade="all, delete-orphan")


class FeedbackRequestSkill(Base):
    __tablename__ = "feedback_request_skills"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_requests.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), primary_key=True, index=True)


# --- accountability ---------------------------------------------------------------------


class Commitment(Base):
    """A dated promise from a reflection's "Now what?"."""

    __tablename__ = "commitments"
    __table_args__ = (Index("ix_commitments_state_due", "state", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[CommitmentState] = mapped_column(
        _enum(CommitmentState, "commitment_state"), default=CommitmentState.OPEN
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"), index=True)
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)

    skill: Mapped[Skill | None] = relationship()


class Nudge(Base):
    """A hard-conversation nudge shown, acted on, dismissed or snoozed."""

    __tablename__ = "nudges"
    __table_args__ = (Index("ix_nudges_skill_date", "skill_id", "shown_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    shown_on: Mapped[dt.date] = mapped_column(Date)
    action: Mapped[NudgeAction] = mapped_column(_enum(NudgeAction, "nudge_action"))
    reason: Mapped[str] = mapped_column(Text, default="")
    snooze_until: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """User settings that belong to the journal (name, role, reminder time), as JSON values."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- programme mode (docs/programme.md) -------------------------------------------------


class SharedItem(Base):
    """Something the user chose to share with their programme, and the version the server has
    (a reflection edited since is shared again as the next version)."""

    __tablename__ = "shared_items"
    __table_args__ = (UniqueConstraint("kind", "local_id"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # reflection, self-rating, avoidance
    # The reflection's (rating's) id; no foreign key: a deleted one is unshared on next sync.
    local_id: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    shared_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OutboxItem(Base):
    """A change waiting to reach the server (put or delete), oldest first; removed only once
    the server has it, so a sync killed at any point resumes where it stood."""

    __tablename__ = "programme_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(10))  # put, delete
    kind: Mapped[str] = mapped_column(String(20))
    uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[str] = mapped_column(Text, default="{}")  # the item as sent (JSON)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ProgrammeComment(Base):
    """A mentor's comment on a reflection the user shared, as the server had it."""

    __tablename__ = "programme_comments"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    mentor: Mapped[str] = mapped_column(String(300), default="")
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    body: Mapped[str] = mapped_column(Text)
    reflection_version: Mapped[int] = mapped_column(Integer, default=1)
