"""Which feedback items a reflection answers: the items it could answer, and setting its answers.

An item stays open until a reflection is linked to it (``entry_feedback``); writing about the
skill is not enough. These are the links a user makes by hand: ``add --responds`` on the
command line and the editor's "Answers feedback" section. What counts as open is exactly the
inbox's definition (``unanswered_feedback``), so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.inbox import FeedbackRow, get_feedback_row, unanswered_feedback
from plnjournal.errors import InputError
from plnjournal.storage.models import Entry, EntryFeedback, FeedbackItem


def open_items_for_skills(session: Session, skill_ids: Iterable[int]) -> list[FeedbackRow]:
    """The unanswered items (as the inbox defines them) on these skills, oldest first."""
    wanted = set(skill_ids)
    if not wanted:
        return []
    return [row for row in unanswered_feedback(session) if row.skill_id in wanted]


def answered_by(session: Session, entry_id: int) -> list[FeedbackRow]:
    """The items this reflection answers, oldest first."""
    ids = session.scalars(
        select(EntryFeedback.feedback_item_id).where(EntryFeedback.entry_id == entry_id)
    )
    rows = [get_feedback_row(session, item_id) for item_id in ids]
    return sorted(rows, key=lambda r: (r.given_on, r.id))


def response_choices(
    session: Session, entry_id: int | None, skill_ids: Iterable[int]
) -> tuple[list[FeedbackRow], set[int]]:
    """What a reflection may answer: the items it answers already and the open items on its
    skills, oldest first, no item twice; and the ids of those it answers."""
    answered = answered_by(session, entry_id) if entry_id is not None else []
    ids = {row.id for row in answered}
    rows = answered + [r for r in open_items_for_skills(session, skill_ids) if r.id not in ids]
    return sorted(rows, key=lambda r: (r.given_on, r.id)), ids


def _missing(session: Session, item_ids: set[int]) -> list[int]:
    found = set(session.scalars(select(FeedbackItem.id).where(FeedbackItem.id.in_(item_ids))))
    return sorted(item_ids - found)


def _not_found(ids: list[int]) -> str:
    listed = ", ".join(f"#{i}" for i in ids)
    if len(ids) == 1:
        return f"feedback item {listed} does not exist"
    return f"feedback items {listed} do not exist"


def check_answerable(
    session: Session, item_ids: Iterable[int], *, what: str = "--responds"
) -> list[FeedbackRow]:
    """The items a new reflection is about to answer, checked all together first: one
    ``InputError`` names every id that does not exist or that a reflection already answers,
    so nothing is written for a half-right list."""
    wanted = list(dict.fromkeys(item_ids))
    missing = _missing(session, set(wanted))
    rows = [get_feedback_row(session, i) for i in wanted if i not in missing]
    answered = [r for r in rows if r.answered]
    problems = []
    if missing:
        problems.append(_not_found(missing))
    if answered:
        said = "; ".join(f"#{r.id} ({r.mentor or 'a mentor'} on {r.skill_code})" for r in answered)
        problems.append(f"already answered by a reflection: {said}")
    if problems:
        hint = "see 'plnjournal feedback-inbox' for the items still waiting"
        raise InputError(f"{what}: {'; '.join(problems)}; nothing was added ({hint})")
    return rows


def set_responses(session: Session, entry_id: int, item_ids: Iterable[int]) -> None:
    """Make the reflection answer exactly these items: new ones are linked, the others it
    answered are unlinked (the item goes back to the inbox). Unknown ids are an ``InputError``
    naming them, and then nothing changes."""
    wanted = set(item_ids)
    if session.get(Entry, entry_id) is None:
        raise InputError(f"entry {entry_id} does not exist")
    missing = _missing(session, wanted)
    if missing:
        raise InputError(_not_found(missing))
    have = set(
        session.scalars(
            select(EntryFeedback.feedback_item_id).where(EntryFeedback.entry_id == entry_id)
        )
    )
    gone = have - wanted
    if gone:
        session.execute(
            delete(EntryFeedback).where(
                EntryFeedback.entry_id == entry_id, EntryFeedback.feedback_item_id.in_(gone)
            )
        )
    for item_id in sorted(wanted - have):
        session.add(EntryFeedback(entry_id=entry_id, feedback_item_id=item_id))
    session.flush()
