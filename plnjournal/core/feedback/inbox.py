"""Reading feedback back: the feedback list, and the inbox of feedback that demands an answer.

A feedback item is *unanswered* while its rating is below the skill's target level (or its
comment asks for change, read by ``critical.read_comment``, and the user has not marked it as
praise) and no reflection responds to it (``entry_feedback``). Responding creates a reflection
that quotes the item, linked to the item and its skill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.critical import demand_reason, read_comment
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.journal.settings import journal_language
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import InputError
from plnjournal.storage.models import (
    Entry,
    EntryFeedback,
    FeedbackImport,
    FeedbackItem,
    Skill,
)

if TYPE_CHECKING:
    from sqlalchemy import Select

    # The inbox's query: each item with its skill and the name of the file it came from.
    FeedbackQuery = Select[FeedbackItem, Skill, str]


@dataclass(frozen=True)
class FeedbackRow:
    """One feedback item with its skill and where it came from, for lists and the inbox."""

    id: int
    given_on: dt.date
    mentor: str
    skill_id: int
    skill_code: str
    skill_name: str
    target_level: int
    level: int | None
    level_label: str
    comment: str
    file_name: str
    line: int | None
    answered: bool
    # Why it asks for a reflection ("" when it does not): the same words as the avoidance
    # model's, from ``critical.demand_reason``.
    reason: str = ""
    # The comment's own words that made it read as critical (shown even when marked praise).
    cues: tuple[str, ...] = ()
    # The user said the comment was praise: it no longer asks for a reflection by itself.
    praise_marked: bool = False


def _rows(session: Session, stmt: FeedbackQuery) -> list[FeedbackRow]:
    fw = active_framework(session)
    labels = {lv.level: lv.label for lv in fw.levels} if fw else {}
    # The journal's language when set, else each comment's own; the avoidance model reads
    # comments with the same (docs/critical-comments.md).
    language = journal_language(session)
    answered = exists().where(EntryFeedback.feedback_item_id == FeedbackItem.id)
    out = []
    for item, skill, file_name, is_answered in session.execute(
        stmt.add_columns(answered.label("answered"))
    ):
        label = labels.get(item.level, "") if item.level is not None else ""
        marked = item.praise_marked_at is not None
        out.append(
            FeedbackRow(
                id=item.id,
                given_on=item.given_on,
                mentor=item.mentor,
                skill_id=skill.id,
                skill_code=skill.code,
                skill_name=skill.name,
                target_level=skill.target_level,
                level=item.level,
                level_label=label,
                comment=item.comment,
                file_name=file_name,
                line=item.line,
                answered=bool(is_answered),
                reason=demand_reason(
                    item.level,
                    skill.target_level,
                    item.comment,
                    label,
                    praise_marked=marked,
                    language=language,
                ),
                cues=read_comment(item.comment or "", language).cues,
                praise_marked=marked,
            )
        )
    return out


def _base() -> FeedbackQuery:
    return (
        select(FeedbackItem, Skill, FeedbackImport.file_name)
        .join(Skill, Skill.id == FeedbackItem.skill_id)
        .join(FeedbackImport, FeedbackImport.id == FeedbackItem.import_id)
    )


def list_feedback(
    session: Session,
    *,
    skill_id: int | None = None,
    mentor: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[FeedbackRow]:
    """Feedback items, newest first, optionally for one skill, mentor or period."""
    stmt = _base().order_by(FeedbackItem.given_on.desc(), FeedbackItem.id.desc())
    if skill_id is not None:
        stmt = stmt.where(FeedbackItem.skill_id == skill_id)
    if mentor:
        stmt = stmt.where(FeedbackItem.mentor == mentor)
    if start is not None:
        stmt = stmt.where(FeedbackItem.given_on >= start)
    if end is not None:
        stmt = stmt.where(FeedbackItem.given_on <= end)
    return _rows(session, stmt)


def list_mentors(session: Session) -> list[str]:
    """Every mentor who gave feedback, for the inbox's filter."""
    return sorted(
        m for m in session.scalars(select(FeedbackItem.mentor).distinct()) if m is not None
    )


def unanswered_feedback(session: Session) -> list[FeedbackRow]:
    """Items below the skill's target or with a critical comment not marked as praise, no
    reflection answering them yet; oldest first (the longest-waiting at the top)."""
    answered = exists().where(EntryFeedback.feedback_item_id == FeedbackItem.id)
    stmt = (
        _base()
        .where(~answered)
        .where(
            ((FeedbackItem.level.is_not(None)) & (FeedbackItem.level < Skill.target_level))
            | (FeedbackItem.comment != "")
        )
        .order_by(FeedbackItem.given_on, FeedbackItem.id)
    )
    return [row for row in _rows(session, stmt) if row.reason]


def quote_item(row: FeedbackRow) -> str:
    """The item as a Markdown quote with who, when and what, for a responding reflection."""
    lines = [f"> {line}" if line.strip() else ">" for line in row.comment.splitlines()]
    rating = ""
    if row.level is not None:
        named = f" ({row.level_label})" if row.level_label else ""
        rating = f", rated {row.level}{named}"
    when = f"{row.given_on.day} {row.given_on:%B %Y}"
    attribution = f"> \u2014 {row.mentor or 'A mentor'}, {when}, on {row.skill_name}{rating}"
    return "\n".join([*lines, ">", attribution] if lines else [attribution])


def get_feedback_row(session: Session, item_id: int) -> FeedbackRow:
    """One item as the inbox shows it; an InputError when it is gone."""
    rows = _rows(session, _base().where(FeedbackItem.id == item_id))
    if not rows:
        raise InputError(f"feedback item {item_id} does not exist")
    return rows[0]


def mark_praise(session: Session, item_id: int, praise: bool = True) -> FeedbackRow:
    """Record that the item's comment was praise (or undo it): the item itself is kept as it
    is, and a rating below target still asks for a reflection. Marking twice keeps the first
    time it was marked."""
    item = session.get(FeedbackItem, item_id)
    if item is None:
        raise InputError(f"feedback item {item_id} does not exist")
    if not praise:
        item.praise_marked_at = None
    elif item.praise_marked_at is None:
        item.praise_marked_at = dt.datetime.now().replace(microsecond=0)
    session.flush()
    return get_feedback_row(session, item_id)


RESPONSE_QUESTIONS = (
    "**What I hear in this feedback:** \n\n"
    "**What I think is really going on:** \n\n"
    "**What I will do, and by when:** "
)


def response_template(row: FeedbackRow, text: str | None = None) -> str:
    """The item quoted, then ``text`` or three questions to answer: a responding
    reflection's start."""
    answer = text.strip() if text and text.strip() else RESPONSE_QUESTIONS
    return f"{quote_item(row)}\n\n{answer}\n"


def respond_to_feedback(
    session: Session,
    item_id: int,
    *,
    on: dt.date | None = None,
    at: dt.time | None = None,
    text: str | None = None,
    quoted: bool = True,
) -> Entry:
    """A new reflection answering the item: it quotes the item and is linked to the item and
    its skill, so the item leaves the inbox. Without ``text`` the body is a template of
    three questions to fill in (the window); with it, the answer follows the quote. With
    ``quoted`` False, ``text`` is the whole body (written from ``response_template`` in an
    editor: ``respond --edit``)."""
    row = get_feedback_row(session, item_id)
    now = dt.datetime.now()
    body = response_template(row, text) if quoted else (text or "").strip() + "\n"
    entry = add_entry(
        session,
        entry_date=on or now.date(),
        entry_time=at or now.time().replace(second=0, microsecond=0),
        title=f"Responding to {row.mentor or 'mentor'}'s feedback on {row.skill_name}",
        body=body,
        skills={row.skill_id: None},
    )
    session.add(EntryFeedback(entry_id=entry.id, feedback_item_id=item_id))
    session.flush()
    return entry


def link_response(session: Session, entry_id: int, item_id: int) -> None:
    """Mark an existing reflection as answering a feedback item."""
    if session.get(Entry, entry_id) is None:
        raise InputError(f"entry {entry_id} does not exist")
    get_feedback_row(session, item_id)
    if session.get(EntryFeedback, (entry_id, item_id)) is None:
        session.add(EntryFeedback(entry_id=entry_id, feedback_item_id=item_id))
        session.flush()


def responses_to(session: Session, item_id: int) -> list[int]:
    """Ids of the reflections that answer a feedback item."""
    return list(
        session.scalars(
            select(EntryFeedback.entry_id).where(EntryFeedback.feedback_item_id == item_id)
        )
    )


def has_feedback(session: Session) -> bool:
    """Whether any feedback was ever imported: an empty inbox means "all answered" only then."""
    return session.scalar(select(FeedbackItem.id).limit(1)) is not None
