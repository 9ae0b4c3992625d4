"""Importing over the journal's framework: update by code, keep every rating, archive not delete."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from plnjournal.core.frameworks.files import framework_text, parse_framework
from plnjournal.core.frameworks.spec import load_builtin, spec_to_dict
from plnjournal.core.frameworks.sync import import_framework, skills_with_data, spec_from_framework
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.skills.lookup import find_skill, list_skills
from plnjournal.errors import ValidationError
from plnjournal.storage.models import Area, EntrySkill, Rating, Skill


def _teaching_dict() -> dict:
    return spec_to_dict(load_builtin("teaching"))


def _import_dict(db, data: dict, *, skills_only: bool = False):
    spec = parse_framework(json.dumps(data).encode(), "f.json", "json")
    with db.session() as s:
        return import_framework(s, spec, skills_only=skills_only, file="f.json")


def test_first_import_installs_and_exports_identically(db) -> None:
    summary = _import_dict(db, _teaching_dict())
    assert summary.installed and len(summary.added) == 27
    with db.session() as s:
        assert spec_to_dict(spec_from_framework(s)) == _teaching_dict()


def test_reimport_updates_by_code_and_keeps_ratings_and_links(teaching_db) -> None:
    with teaching_db.session() as s:
        cl1 = find_skill(s, "CL1")
        add_entry(s, entry_date=dt.date(2026, 3, 2), title="Transitions", skills={cl1.id: 2})
        cl1_id = cl1.id
    data = _teaching_dict()
    skill = data["areas"][1]["skills"][0]
    assert skill["code"] == "CL1"
    skill.update(code="cl1", name="Smooth transitions", target_level=4, cadence_days=None)
    skill["levels"][2] = "Most transitions take under a minute, every time."
    summary = _import_dict(teaching_db, data)
    assert summary.updated == ["cl1"] and len(summary.unchanged) == 26
    assert not summary.added and not summary.archived and not summary.removed
    with teaching_db.session() as s:
        skill = s.get(Skill, cl1_id)
        assert (skill.code, skill.name, skill.target_level, skill.cadence_days) == (
            "cl1",
            "Smooth transitions",
            4,
            None,
        )
        assert skill.descriptor(3) == "Most transitions take under a minute, every time."
        assert s.scalar(select(func.count()).select_from(Rating)) == 1
        assert s.scalar(select(EntrySkill.skill_id)) == cl1_id


def test_skill_left_out_is_archived_with_data_and_removed_without(teaching_db) -> None:
    with teaching_db.session() as s:
        pa1 = find_skill(s, "PA1")
        s.add(
            Rating(
                skill_id=pa1.id,
                level=2,
                rated_on=dt.date(2026, 1, 5),
                source="mentor",
                origin="feedback",
                rater="Ms Okafor",
            )
        )
    data = _teaching_dict()
    partnerships = data["areas"][4]
    assert [x["code"] for x in partnerships["skills"]][:2] == ["PA1", "PA2"]
    del partnerships["skills"][:2]
    summary = _import_dict(teaching_db, data)
    assert summary.archived == ["PA1"] and summary.removed == ["PA2"]
    with teaching_db.session() as s:
        codes = {sk.code: sk.archived for sk in list_skills(s)}
        assert codes["PA1"] is True and "PA2" not in codes
        assert s.scalar(select(func.count()).select_from(Rating)) == 1
        exported = spec_to_dict(spec_from_framework(s))
        assert "PA1" not in json.dumps(exported)
    # Listing it again brings it back, with its rating.
    summary = _import_dict(teaching_db, _teaching_dict())
    assert summary.restored == ["PA1"] and summary.added == ["PA2"]


def test_area_left_out_is_archived_when_it_keeps_skills(teaching_db) -> None:
    with teaching_db.session() as s:
        pg1 = find_skill(s, "PG1")
        add_entry(s, entry_date=dt.date(2026, 2, 1), title="Growth", skills={pg1.id: None})
    data = _teaching_dict()
    data["areas"] = [
        a for a in data["areas"] if a["name"] not in ("Professional growth", "Assessment")
    ]
    summary = _import_dict(teaching_db, data)
    assert summary.areas_archived == ["Professional growth"]
    assert summary.areas_removed == ["Assessment"]
    assert summary.archived == ["PG1"]
    with teaching_db.session() as s:
        names = {a.name: a.archived for a in s.scalars(select(Area))}
        assert names == {
            "Planning": False,
            "Classroom": False,
            "Instruction": False,
            "Partnerships": False,
            "Professional growth": True,
        }


def test_moving_a_skill_to_another_area(teaching_db) -> None:
    data = _teaching_dict()
    moved = data["areas"][0]["skills"].pop(0)
    data["areas"][2]["skills"].append(moved)
    summary = _import_dict(teaching_db, data)
    assert "PL1" in summary.updated
    with teaching_db.session() as s:
        assert find_skill(s, "PL1").area.name == "Instruction"


def test_csv_reimport_keeps_what_csv_cannot_say(teaching_db) -> None:
    with teaching_db.session() as s:
        spec = spec_from_framework(s)
    text = framework_text(spec, "csv").replace("Managing transitions", "Transitions")
    with teaching_db.session() as s:
        summary = import_framework(
            s, parse_framework(text.encode(), "t.csv", "csv"), skills_only=True
        )
    assert summary.updated == ["CL1"]
    with teaching_db.session() as s:
        after = spec_to_dict(spec_from_framework(s))
    expected = copy.deepcopy(_teaching_dict())
    expected["areas"][1]["skills"][0]["name"] = "Transitions"
    assert after == expected  # name, description, scale and area descriptions all kept


def test_scale_change_refused_once_ratings_exist(teaching_db) -> None:
    data = _teaching_dict()
    data["scale"] = data["scale"][:4]
    for area in data["areas"]:
        for skill in area["skills"]:
            skill["levels"] = skill["levels"][:4]
            skill["target_level"] = min(skill["target_level"], 4)
    summary = _import_dict(teaching_db, copy.deepcopy(data))  # no ratings yet: allowed
    assert summary.updated
    with teaching_db.session() as s:
        assert [lv.level for lv in list_skills(s)[0].area.framework.levels] == [1, 2, 3, 4]
        s.add(
            Rating(
                skill_id=list_skills(s)[0].id,
                level=2,
                rated_on=dt.date(2026, 1, 1),
                source="self",
                origin="self_assessment",
            )
        )
    with pytest.raises(ValidationError, match="differs from the journal's"):
        _import_dict(teaching_db, _teaching_dict())
    with teaching_db.session() as s:
        assert len(list_skills(s)[0].area.framework.levels) == 4


def test_skills_with_data(demo_db) -> None:
    with demo_db.session() as s:
        ids = [sk.id for sk in list_skills(s)]
        used = skills_with_data(s, ids)
        assert used and used <= set(ids)
        assert find_skill(s, "PA1").id in used  # only mentor ratings and nudges refer to it
