"""Linking reflections to the feedback they answer: the open items of some skills, and
making a reflection answer exactly a set of items."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.inbox import respond_to_feedback, unanswered_feedback
from plnjournal.core.feedback.responses import (
    answered_by,
    check_answerable,
    open_items_for_skills,
    response_choices,
    set_responses,
)
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import InputError
from plnjournal.storage.models import EntryFeedback
from tests.conftest import TODAY

FEEDBACK = (
    "date,mentor,skill,rating,comment\n"
    "2026-10-01,Ms Okafor,PA1,1,Defensive in the debrief again.\n"
    "2026-09-02,Ms Okafor,PA1,1,Defensive in the debrief.\n"
    "2026-11-01,Ms Okafor,PA1,2,Still avoids the call home.\n"
    "2026-10-15,Mr Brennan,AS1,4,You need to act on the marking policy.\n"  # critical comment
    "2026-10-20,Mr Brennan,CL1,4,Calm and clear.\n"  # praise at target: never open
)


@pytest.fixture
def journal(teaching_copy, tmp_path: Path):
    path = tmp_path / "f.csv"
    path.write_text(FEEDBACK, encoding="utf-8")
    assert import_feedback(teaching_copy, [path], ImportOptions(today=TODAY)).imported == 5
    return teaching_copy


def _skill(s, code: str) -> int:
    return find_skill(s, code).id


def _links(s) -> set[tuple[int, int]]:
    return {(r.entry_id, r.feedback_item_id) for r in s.scalars(select(EntryFeedback))}


def test_open_items_of_some_skills_are_the_inbox_s_oldest_first(journal) -> None:
    with journal.session() as s:
        pa1, as1, cl1 = _skill(s, "PA1"), _skill(s, "AS1"), _skill(s, "CL1")
        rows = open_items_for_skills(s, [pa1])
        assert [r.given_on.isoformat() for r in rows] == ["2026-09-02", "2026-10-01", "2026-11-01"]
        assert {r.skill_code for r in open_items_for_skills(s, {pa1, as1, cl1})} == {"PA1", "AS1"}
        assert open_items_for_skills(s, [cl1]) == []  # praise at target asks for nothing
        assert open_items_for_skills(s, []) == []
        inbox = {r.id for r in unanswered_feedback(s)}
        assert {r.id for r in open_items_for_skills(s, {pa1, as1})} == inbox


def test_an_answered_item_is_no_longer_open(journal) -> None:
    with journal.session() as s:
        pa1 = _skill(s, "PA1")
        first = open_items_for_skills(s, [pa1])[0]
        respond_to_feedback(s, first.id, on=TODAY)
        assert first.id not in {r.id for r in open_items_for_skills(s, [pa1])}
        assert len(open_items_for_skills(s, [pa1])) == 2


def test_set_responses_links_exactly_these_items_and_unlinks_the_rest(journal) -> None:
    with journal.session() as s:
        pa1 = _skill(s, "PA1")
        a, b, c = (r.id for r in open_items_for_skills(s, [pa1]))
        entry = add_entry(s, entry_date=TODAY, title="Why I avoid the call home")
        set_responses(s, entry.id, [a, b])
        assert _links(s) == {(entry.id, a), (entry.id, b)}
        set_responses(s, entry.id, [b, c])
        assert _links(s) == {(entry.id, b), (entry.id, c)}
        assert [r.id for r in answered_by(s, entry.id)] == [b, c]
        # Unlinking puts the item back in the inbox.
        assert a in {r.id for r in unanswered_feedback(s)}
        set_responses(s, entry.id, [])
        assert _links(s) == set()


def test_set_responses_refuses_unknown_ids_and_changes_nothing(journal) -> None:
    with journal.session() as s:
        item = open_items_for_skills(s, [_skill(s, "PA1")])[0]
        entry = add_entry(s, entry_date=TODAY, title="Answer")
        set_responses(s, entry.id, [item.id])
        with pytest.raises(InputError, match=r"feedback items #998, #999 do not exist"):
            set_responses(s, entry.id, [999, 998])
        assert _links(s) == {(entry.id, item.id)}
        with pytest.raises(InputError, match="entry 12345 does not exist"):
            set_responses(s, 12345, [item.id])


def test_set_responses_leaves_other_reflections_answers_alone(journal) -> None:
    with journal.session() as s:
        a, b, _ = (r.id for r in open_items_for_skills(s, [_skill(s, "PA1")]))
        one = add_entry(s, entry_date=TODAY, title="One")
        two = add_entry(s, entry_date=TODAY, title="Two")
        set_responses(s, one.id, [a])
        set_responses(s, two.id, [b])
        set_responses(s, two.id, [])
        assert _links(s) == {(one.id, a)}


def test_choices_are_what_the_reflection_answers_and_the_open_items_oldest_first(journal) -> None:
    with journal.session() as s:
        pa1, as1 = _skill(s, "PA1"), _skill(s, "AS1")
        a, b, c = (r.id for r in open_items_for_skills(s, [pa1]))
        entry = add_entry(s, entry_date=TODAY, title="Answer")
        set_responses(s, entry.id, [b])
        rows, ticked = response_choices(s, entry.id, [pa1])
        assert [r.id for r in rows] == [a, b, c] and ticked == {b}
        # An item it answers shows even when its skill is no longer among those asked about.
        rows, ticked = response_choices(s, entry.id, [as1])
        assert [r.skill_code for r in rows] == ["PA1", "AS1"] and ticked == {b}
        # Another reflection does not see b: it is answered.
        rows, ticked = response_choices(s, None, [pa1])
        assert [r.id for r in rows] == [a, c] and ticked == set()


def test_check_answerable_names_every_unknown_and_answered_id(journal) -> None:
    with journal.session() as s:
        a, b, _ = (r.id for r in open_items_for_skills(s, [_skill(s, "PA1")]))
        respond_to_feedback(s, a, on=TODAY)
        with pytest.raises(InputError) as err:
            check_answerable(s, [b, a, 4242])
        message = err.value.message
        assert "--responds: feedback item #4242 does not exist" in message
        assert f"already answered by a reflection: #{a} (Ms Okafor on PA1)" in message
        assert "nothing was added" in message
        assert [r.id for r in check_answerable(s, [b, b])] == [b]  # a repeat counts once
