"""Commitments: created from an action plan, done, dropped with a reason, open and overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.journal.commitments import (
    add_commitment,
    drop_commitment,
    mark_done,
    open_commitments,
    overdue_commitments,
    proposals_for_entry,
    reopen,
)
from plnjournal.core.journal.entries import add_entry, delete_entry, restore_entry
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError
from plnjournal.storage.models import Commitment
from plnjournal.values import CommitmentState

D = dt.date(2026, 11, 3)


def test_proposals_skip_lines_already_committed(teaching_db) -> None:
    with teaching_db.session() as s:
        e = add_entry(
            s,
            entry_date=D,
            body="## Now what?\n\n> What will you do?\n\n- Phone Bea's mum\n- Re-plan the starter\n",
        )
        assert [p.text for p in proposals_for_entry(s, e.id)] == [
            "Phone Bea's mum",
            "Re-plan the starter",
        ]
        add_commitment(s, "phone  bea's MUM", entry_id=e.id, created_on=D)
        assert [p.text for p in proposals_for_entry(s, e.id)] == ["Re-plan the starter"]


def test_open_overdue_done_dropped(teaching_db) -> None:
    with teaching_db.session() as s:
        pa1 = find_skill(s, "PA1")
        late = add_commitment(s, "Phone Bea's mum", due_on=D, skill_id=pa1.id, created_on=D)
        soon = add_commitment(s, "Re-plan", due_on=D + dt.timedelta(days=9), created_on=D)
        undated = add_commitment(s, "Read the behaviour policy", created_on=D)
    today = D + dt.timedelta(days=3)
    with teaching_db.session() as s:
        assert [c.id for c in open_commitments(s)] == [late.id, soon.id, undated.id]
        assert [c.id for c in overdue_commitments(s, today)] == [late.id]
        mark_done(s, late.id, on=today)
        with pytest.raises(InputError, match="say why"):
            drop_commitment(s, soon.id, "   ")
        drop_commitment(s, soon.id, "The scheme of work changed", on=today)
    with teaching_db.session() as s:
        done, dropped = s.get(Commitment, late.id), s.get(Commitment, soon.id)
        assert (done.state, done.closed_on) == (CommitmentState.DONE, today)
        assert (dropped.state, dropped.reason) == (
            CommitmentState.DROPPED,
            "The scheme of work changed",
        )
        assert [c.id for c in open_commitments(s)] == [undated.id]
        with pytest.raises(InputError, match="already done"):
            mark_done(s, late.id)
        reopen(s, late.id)
        assert s.get(Commitment, late.id).state == CommitmentState.OPEN


def test_empty_commitment_is_refused(teaching_db) -> None:
    with teaching_db.session() as s, pytest.raises(InputError, match="empty"):
        add_commitment(s, "  \n")


def test_undo_delete_puts_back_the_commitment_link(teaching_db) -> None:
    with teaching_db.session() as s:
        e = add_entry(s, entry_date=D, body="x")
        c = add_commitment(s, "Phone Bea's mum", entry_id=e.id, created_on=D)
    with teaching_db.session() as s:
        snapshot = delete_entry(s, e.id)
    with teaching_db.session() as s:
        assert s.get(Commitment, c.id).entry_id is None
        restore_entry(s, snapshot)
    with teaching_db.session() as s:
        assert s.get(Commitment, c.id).entry_id == e.id


def test_promises_are_read_as_plain_text() -> None:
    from plnjournal.core.journal.commitments import action_lines

    body = "## **Now what?**\n- I will **call** Bea's mum by 2026-11-10\n- Ask [Ms Adeyemi](https://x.org)"
    assert [(p.text, p.due_on) for p in action_lines(body)] == [
        ("I will call Bea's mum by 2026-11-10", dt.date(2026, 11, 10)),
        ("Ask Ms Adeyemi", None),
    ]
