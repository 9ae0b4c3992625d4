"""Saving an edited framework draft: all or nothing; skills with data are never deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.frameworks.edit import (
    AreaDraft,
    SkillDraft,
    draft_problems,
    load_draft,
    save_draft,
)
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import active_framework, find_skill, list_skills
from plnjournal.errors import PlnError


def test_edit_round_trip(teaching_db) -> None:
    with teaching_db.session() as s:
        draft = load_draft(s)
    draft.name = "My teaching framework"
    planning, classroom = draft.areas[0], draft.areas[1]
    planning.name = "Lesson planning"
    moved = planning.skills.pop(0)  # PL1 to the end of Classroom
    classroom.skills.append(moved)
    classroom.skills[0].levels[3] = "A new competent descriptor."
    classroom.skills[1].archived = True
    new_area = AreaDraft("Wellbeing")
    new_area.skills.append(
        SkillDraft(code=draft.new_code(new_area), name="Resting", cadence_days=7)
    )
    draft.areas.insert(0, new_area)
    with teaching_db.session() as s:
        save_draft(s, draft)
    with teaching_db.session() as s:
        assert active_framework(s).name == "My teaching framework"
        skills = list_skills(s)
        assert (skills[0].code, skills[0].area.name, skills[0].cadence_days) == (
            "WE1",
            "Wellbeing",
            7,
        )
        pl1 = find_skill(s, "PL1")
        assert pl1.area.name == "Classroom" and pl1.area.skills[-1].code == "PL1"
        assert find_skill(s, "CL1").descriptor(3) == "A new competent descriptor."
        assert find_skill(s, "CL2").archived
        assert find_skill(s, "PL2").area.name == "Lesson planning"


def test_skill_with_data_cannot_be_deleted(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1")
        add_entry(s, entry_date=dt.date(2026, 1, 2), title="x", skills={cl1.id: None})
        draft = load_draft(s)
    classroom = draft.areas[1]
    cl1_draft = classroom.skills[0]
    assert not draft.can_delete(cl1_draft) and draft.can_delete(classroom.skills[1])
    classroom.skills.pop(0)
    with (
        pytest.raises(PlnError, match="CL1: these skills have reflections"),
        teaching_db.session() as s,
    ):
        save_draft(s, draft)
    with teaching_db.session() as s:
        assert len(list_skills(s)) == 27


def test_problems_are_reported_before_saving(teaching_db) -> None:
    with teaching_db.session() as s:
        draft = load_draft(s)
    draft.areas[0].skills[0].code = "cl1"
    draft.areas[0].skills[1].target_level = 9
    draft.areas[2].name = "Classroom"
    problems = draft_problems(draft)
    assert len(problems) == 3
    assert any(p.startswith("Code CL1 is used by") for p in problems)
    with pytest.raises(PlnError), teaching_db.session() as s:
        save_draft(s, draft)


def test_editing_an_empty_journal_creates_the_framework(db) -> None:
    with db.session() as s:
        draft = load_draft(s)
    area = AreaDraft("Practice")
    area.skills.append(SkillDraft(code="PR1", name="Handover", target_level=4))
    draft.areas.append(area)
    with db.session() as s:
        save_draft(s, draft)
    with db.session() as s:
        assert [(k.code, k.target_level) for k in list_skills(s)] == [("PR1", 4)]
        assert active_framework(s).scale_max == 5
