"""Skill keywords in framework files: JSON and CSV carry them through import, export, edit and
re-import, and a file without keywords never takes away the ones the user wrote."""

from __future__ import annotations

import json

import pytest

from plnjournal.core.frameworks.edit import load_draft, save_draft
from plnjournal.core.frameworks.files import framework_text, parse_framework
from plnjournal.core.frameworks.spec import load_builtin, spec_to_dict
from plnjournal.core.frameworks.sync import import_framework, spec_from_framework
from plnjournal.core.skills.keywords import change_keywords, framework_terms
from plnjournal.core.skills.lookup import find_skill
from plnjournal.errors import ValidationError

CSV = (
    "area,code,name,description,target_level,keywords\r\n"
    "Partnerships,PA1,Difficult conversations with parents,,3,parents' evening; phone call\r\n"
    "Partnerships,PA2,Communicating routinely with families,,3,\r\n"
)


def _import(db, text: str, fmt: str, *, skills_only: bool = False):
    spec = parse_framework(text.encode(), f"f.{fmt}", fmt)
    with db.session() as s:
        return import_framework(s, spec, skills_only=skills_only, file=f"f.{fmt}")


def _keywords(db, code: str) -> str:
    with db.session() as s:
        return find_skill(s, code).keywords


def test_csv_keywords_column_imports_and_exports_again(db) -> None:
    _import(db, CSV, "csv")
    assert _keywords(db, "PA1") == "parents' evening\nphone call"
    assert _keywords(db, "PA2") == ""
    with db.session() as s:
        text = framework_text(spec_from_framework(s), "csv")
    assert text.splitlines()[0] == "area,code,name,description,target_level,cadence_days,keywords"
    assert "phone call" in text.splitlines()[1]
    again = parse_framework(text.encode(), "again.csv", "csv")
    assert [s.keywords for s in again.all_skills()] == [["parents' evening", "phone call"], []]


def test_csv_without_keywords_exports_without_the_column() -> None:
    text = framework_text(load_builtin("teaching"), "csv")
    assert "keywords" not in text.splitlines()[0]


def test_json_keywords_round_trip_and_builtin_files_stay_identical(db) -> None:
    data = spec_to_dict(load_builtin("teaching"))
    assert all("keywords" not in s for a in data["areas"] for s in a["skills"])
    data["areas"][4]["skills"][0]["keywords"] = ["parents' evening", "  phone   call ", ""]
    _import(db, json.dumps(data), "json")
    assert _keywords(db, "PA1") == "parents' evening\nphone call"
    with db.session() as s:
        out = spec_to_dict(spec_from_framework(s))
    assert out["areas"][4]["skills"][0]["keywords"] == ["parents' evening", "phone call"]
    assert "keywords" not in out["areas"][4]["skills"][1]


def test_json_keywords_must_be_a_list_of_texts() -> None:
    data = spec_to_dict(load_builtin("teaching"))
    data["areas"][0]["skills"][1]["keywords"] = "intentions"
    with pytest.raises(ValidationError) as err:
        parse_framework(json.dumps(data, indent=2).encode(), "bad.json", "json")
    assert "areas[0].skills[1].keywords: 'keywords' must be a list of texts" in str(err.value)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_reimport_without_keywords_keeps_the_users(teaching_db, fmt: str) -> None:
    with teaching_db.session() as s:
        change_keywords(find_skill(s, "PA1"), add=["mum, dad"])
        text = framework_text(load_builtin("teaching"), fmt)  # the file has no keywords
    summary = _import(teaching_db, text, fmt, skills_only=fmt == "csv")
    assert "PA1" in summary.unchanged
    assert _keywords(teaching_db, "PA1") == "mum\ndad"


def test_reimport_with_keywords_replaces_them_and_reports_the_update(teaching_db) -> None:
    with teaching_db.session() as s:
        change_keywords(find_skill(s, "PA1"), add=["mum"])
    data = spec_to_dict(load_builtin("teaching"))
    data["areas"][4]["skills"][0]["keywords"] = ["carers"]
    summary = _import(teaching_db, json.dumps(data), "json")
    assert summary.updated == ["PA1"]
    assert _keywords(teaching_db, "PA1") == "carers"


def test_the_editor_draft_saves_keywords_one_per_line(teaching_db) -> None:
    with teaching_db.session() as s:
        draft = load_draft(s)
    pa1 = next(sk for sk in draft.all_skills() if sk.code == "PA1")
    assert pa1.keywords == ""
    pa1.keywords = "mum, dad\n\n parents' evening ;Dad"
    with teaching_db.session() as s:
        save_draft(s, draft)
    assert _keywords(teaching_db, "PA1") == "mum\ndad\nparents' evening"
    with teaching_db.session() as s:
        assert next(sk for sk in load_draft(s).all_skills() if sk.code == "PA1").keywords == (
            "mum\ndad\nparents' evening"
        )


def test_framework_terms_for_the_matcher(teaching_db) -> None:
    with teaching_db.session() as s:
        change_keywords(find_skill(s, "PA1"), add=["mum"])
        find_skill(s, "PA5").archived = True
    with teaching_db.session() as s:
        terms = framework_terms(s)
        pa1 = next(t for t in terms if t.code == "PA1")
    assert "PA5" not in {t.code for t in terms} and len(terms) == 26
    assert pa1.name == "Difficult conversations with parents" and pa1.keywords == ("mum",)
    assert pa1.descriptors[0].startswith("Discussing concerns about behaviour")
    assert len(pa1.descriptors) == 6  # the description, then one per level
