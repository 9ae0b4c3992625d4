"""Writing and reading reflections, their skill links and the self-ratings given with them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import InputError
from plnjournal.storage.models import (
    Commitment,
    Entry,
    EntryFeedback,
    EntrySkill,
    EntryTag,
    FeedbackItem,
    Rating,
    Skill,
)
from plnjournal.values import EntrySource, RatingOrigin, RatingSource


def check_comfort(comfort: int | None) -> None:
    """Refuse a comfort value outside 1–5 with a message the user can act on."""
    if comfort is not None and not 1 <= comfort <= 5:
        raise InputError(f"comfort: {comfort} is outside 1–5 (how far outside your comfort zone)")


def check_level(session: Session, level: int | None, what: str = "rating") -> None:
    """Refuse a rating outside the active framework's scale (1–5 without one)."""
    if level is None:
        return
    fw = active_framework(session)
    lo, hi = (fw.scale_min, fw.scale_max) if fw else (1, 5)
    if not lo <= level <= hi:
        raise InputError(f"{what}: {level} is outside the scale {lo}–{hi}")


def add_entry(
    session: Session,
    *,
    entry_date: dt.date,
    entry_time: dt.time | None = None,
    title: str = "",
    body: str = "",
    private: bool = False,
    comfort: int | None = None,
    reflection_model: str | None = None,
    highlight: bool = False,
    source: EntrySource = EntrySource.APP,
    source_ref: str | None = None,
    source_key: str | None = None,
    skills: dict[int, int | None] | None = None,
    tags: list[str] | None = None,
) -> Entry:
    """Write a reflection with its tags and skill links in one flush, comfort checked
    first, so an invalid entry never reaches the database."""
    check_comfort(comfort)
    entry = Entry(
        entry_date=entry_date,
        entry_time=entry_time,
        title=title,
        body=body,
        private=private,
        comfort=comfort,
        reflection_model=reflection_model,
        highlight=highlight,
        source=source,
        source_ref=source_ref,
        source_key=source_key,
    )
    for tag in sorted(set(tags or [])):
        entry.tags.append(EntryTag(tag=tag))
    session.add(entry)
    session.flush()
    if skills:
        set_skill_links(session, entry, skills)
    return entry


_EDITABLE = {
    "entry_date",
    "entry_time",
    "title",
    "body",
    "private",
    "comfort",
    "reflection_model",
    "highlight",
}


def update_entry(session: Session, entry_id: int, **changes: object) -> Entry:
    """Change some fields of an entry; unknown field names are a programming error."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    entry = get_entry(session, entry_id)
    if "comfort" in changes:
        # An int or None from every caller; a wrong type fails the comparison in the check.
        check_comfort(cast("int | None", changes["comfort"]))
    for key, value in changes.items():
        if getattr(entry, key) != value:
            setattr(entry, key, value)
    session.flush()
    if "entry_date" in changes:
        for rating in session.scalars(select(Rating).where(Rating.entry_id == entry.id)):
            rating.rated_on = entry.entry_date
    return entry


def get_entry(session: Session, entry_id: int) -> Entry:
    """The entry with its skill links and tags loaded; a missing id is an ``InputError``."""
    entry = session.get(
        Entry, entry_id, options=[selectinload(Entry.skill_links), selectinload(Entry.tags)]
    )
    if entry is None:
        raise InputError(f"entry {entry_id} does not exist")
    return entry


def set_skill_links(session: Session, entry: Entry, links: dict[int, int | None]) -> None:
    """Make the entry's skill links exactly ``links`` (skill id -> self-rating or None).

    A self-rating given with a reflection is also a dated rating (origin "entry"), so rating
    history and analytics read one table.
    """
    for level in links.values():
        check_level(session, level, "self-rating")
    session.execute(delete(EntrySkill).where(EntrySkill.entry_id == entry.id))
    session.execute(
        delete(Rating).where(Rating.entry_id == entry.id, Rating.origin == RatingOrigin.ENTRY)
    )
    session.flush()
    session.expire(entry, ["skill_links"])
    for skill_id, level in links.items():
        session.add(EntrySkill(entry_id=entry.id, skill_id=skill_id, self_rating=level))
        if level is not None:
            session.add(
                Rating(
                    skill_id=skill_id,
                    level=level,
                    rated_on=entry.entry_date,
                    source=RatingSource.SELF,
                    origin=RatingOrigin.ENTRY,
                    entry_id=entry.id,
                )
            )
    session.flush()


def entries_on(session: Session, day: dt.date) -> list[Entry]:
    """The day's reflections in time order (untimed last), skill links loaded."""
    return list(
        session.scalars(
            select(Entry)
            .where(Entry.entry_date == day)
            .options(selectinload(Entry.skill_links))
            .order_by(Entry.entry_time.is_(None), Entry.entry_time, Entry.id)
        )
    )


@dataclass
class DeletedEntry:
    """Everything needed to put a deleted entry back exactly (undo)."""

    fields: dict[str, object]
    links: dict[int, int | None] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    # Links that deleting cuts (feedback the reflection answered, its commitments), so undo
    # puts them back too.
    feedback_item_ids: list[int] = field(default_factory=list)
    commitment_ids: list[int] = field(default_factory=list)


def delete_entry(session: Session, entry_id: int) -> DeletedEntry:
    """Delete the entry and return everything needed to put it back (``restore_entry``),
    so the window can offer undo."""
    entry = get_entry(session, entry_id)
    snapshot = DeletedEntry(
        fields={
            c: getattr(entry, c)
            for c in (
                "id",
                "entry_date",
                "entry_time",
                "title",
                "body",
                "created_at",
                "updated_at",
                "private",
                "highlight",
                "comfort",
                "reflection_model",
                "source",
                "source_ref",
                "source_key",
            )
        },
        links={link.skill_id: link.self_rating for link in entry.skill_links},
        tags=[t.tag for t in entry.tags],
        feedback_item_ids=list(
            session.scalars(
                select(EntryFeedback.feedback_item_id).where(EntryFeedback.entry_id == entry_id)
            )
        ),
        commitment_ids=list(
            session.scalars(select(Commitment.id).where(Commitment.entry_id == entry_id))
        ),
    )
    session.delete(entry)
    session.flush()
    return snapshot


def restore_entry(session: Session, snapshot: DeletedEntry) -> Entry:
    """Put a deleted entry back exactly as it was: its id, tags, skill links and the links
    deleting cut."""
    entry = Entry(**snapshot.fields)
    for tag in snapshot.tags:
        entry.tags.append(EntryTag(tag=tag))
    session.add(entry)
    session.flush()
    if snapshot.links:
        set_skill_links(session, entry, snapshot.links)
    for item_id in snapshot.feedback_item_ids:
        if session.get(FeedbackItem, item_id) is not None:
            session.add(EntryFeedback(entry_id=entry.id, feedback_item_id=item_id))
    for commitment in session.scalars(
        select(Commitment).where(
            Commitment.id.in_(snapshot.commitment_ids), Commitment.entry_id.is_(None)
        )
    ):
        commitment.entry_id = entry.id
    session.flush()
    return entry


def skills_of(session: Session, entry_id: int) -> list[tuple[Skill, int | None]]:
    """The entry's skills with the self rating given on each, by code."""
    rows = session.execute(
        select(Skill, EntrySkill.self_rating)
        .join(EntrySkill, EntrySkill.skill_id == Skill.id)
        .where(EntrySkill.entry_id == entry_id)
        .order_by(Skill.code)
    ).all()
    return [(row[0], row[1]) for row in rows]
