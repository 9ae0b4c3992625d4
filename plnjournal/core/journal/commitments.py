"""Commitments: dated promises read from a reflection's action plan, kept, done or dropped.

A reflection's "Now what?" / "Action plan" / "What next" section becomes proposed commitments
(the user confirms them); each has a due date and optionally a skill. Closing one records the
day, and dropping one needs a reason: a dropped promise is information, not something to hide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from plnjournal.core.journal.entries import get_entry
from plnjournal.core.plain_text import one_line
from plnjournal.errors import InputError
from plnjournal.storage.models import Commitment
from plnjournal.values import CommitmentState

DEFAULT_DUE_DAYS = 7
# Section headings whose lines are promises (any heading level, case ignored).
ACTION_HEADING = re.compile(
    r"^(action plan|actions?|now what\??|what next\??|next steps?|active experimentation)$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class ProposedCommitment:
    """One line of an action plan, with the due date it names (if any)."""

    text: str
    due_on: dt.date | None


def action_lines(body: str) -> list[ProposedCommitment]:
    """The promises in a reflection's action sections: each list item or paragraph, without
    the quoted guiding questions a reflection model inserted, as plain text."""
    out: list[str] = []
    in_action = False
    current: list[str] = []

    def flush() -> None:
        if current:
            out.append(" ".join(current))
            current.clear()

    for raw in body.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            in_action = bool(ACTION_HEADING.match(one_line(heading.group(1))))
            continue
        if not in_action:
            continue
        if not line or line.startswith(">"):
            flush()
            continue
        item = _LIST_MARK.match(line)
        if item:
            flush()
            line = line[item.end() :]
        if line:
            current.append(line)
    flush()
    proposals = []
    for text in out:
        due = None
        m = _ISO_DATE.search(text)
        if m:
            try:
                due = dt.date.fromisoformat(m.group(1))
            except ValueError:
                due = None
        # A promise is a line in a list: its Markdown read as plain text ("**call** Bea's
        # mum" is "call Bea's mum" in the commitments list and the report).
        proposals.append(ProposedCommitment(one_line(text), due))
    return proposals


def proposals_for_entry(session: Session, entry_id: int) -> list[ProposedCommitment]:
    """Action-plan lines of a saved reflection that are not commitments yet."""
    entry = get_entry(session, entry_id)
    existing = {
        " ".join(t.split()).casefold()
        for t in session.scalars(select(Commitment.text).where(Commitment.entry_id == entry_id))
    }
    return [
        p for p in action_lines(entry.body) if " ".join(p.text.split()).casefold() not in existing
    ]


def add_commitment(
    session: Session,
    text: str,
    *,
    due_on: dt.date | None = None,
    skill_id: int | None = None,
    entry_id: int | None = None,
    created_on: dt.date | None = None,
) -> Commitment:
    """Record what the user will do (optionally by ``due_on``, for a skill, from a
    reflection); empty text is refused so every commitment says something."""
    text = text.strip()
    if not text:
        raise InputError("commitment: the text is empty; say what you will do")
    commitment = Commitment(
        text=text,
        due_on=due_on,
        skill_id=skill_id,
        entry_id=entry_id,
        created_on=created_on or dt.date.today(),
    )
    session.add(commitment)
    session.flush()
    return commitment


def _open_one(session: Session, commitment_id: int) -> Commitment:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise InputError(f"commitment {commitment_id} does not exist")
    if commitment.state != CommitmentState.OPEN:
        raise InputError(f"commitment {commitment_id} is already {commitment.state.value}")
    return commitment


def mark_done(session: Session, commitment_id: int, *, on: dt.date | None = None) -> Commitment:
    """Close an open commitment as done (``on``: default today); a closed one is refused."""
    commitment = _open_one(session, commitment_id)
    commitment.state = CommitmentState.DONE
    commitment.closed_on = on or dt.date.today()
    session.flush()
    return commitment


def drop_commitment(
    session: Session, commitment_id: int, reason: str, *, on: dt.date | None = None
) -> Commitment:
    """Drop a promise; the reason is kept (and later read by the avoidance model)."""
    reason = reason.strip()
    if not reason:
        raise InputError("commitment: say why you are dropping it (one line is enough)")
    commitment = _open_one(session, commitment_id)
    commitment.state = CommitmentState.DROPPED
    commitment.reason = reason
    commitment.closed_on = on or dt.date.today()
    session.flush()
    return commitment


def reopen(session: Session, commitment_id: int) -> Commitment:
    """Undo a done/dropped by mistake; the reason is kept in case it is dropped again."""
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise InputError(f"commitment {commitment_id} does not exist")
    commitment.state = CommitmentState.OPEN
    commitment.closed_on = None
    session.flush()
    return commitment


def open_commitments(session: Session) -> list[Commitment]:
    """Open commitments, soonest due first (those without a date last)."""
    return list(
        session.scalars(
            select(Commitment)
            .where(Commitment.state == CommitmentState.OPEN)
            .options(selectinload(Commitment.skill))
            .order_by(Commitment.due_on.is_(None), Commitment.due_on, Commitment.id)
        )
    )


def is_overdue(commitment: Commitment, today: dt.date) -> bool:
    """Open and past its due date: what the avoidance model and the panels count."""
    return (
        commitment.state == CommitmentState.OPEN
        and commitment.due_on is not None
        and commitment.due_on < today
    )


def overdue_commitments(session: Session, today: dt.date) -> list[Commitment]:
    """The open commitments past their due date as of ``today``."""
    return [c for c in open_commitments(session) if is_overdue(c, today)]
