"""``skills import`` of frameworks as programmes publish them (Mahara .matrix, CASE, .xlsx):
each example file round-trips into a framework whose export matches the source, a CASE
re-import updates skills by identifier, and bad files are refused whole with located errors."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from plnjournal.core.frameworks.published import plain_text
from plnjournal.storage.db import open_database
from plnjournal.storage.models import Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource
from tests.cli.conftest import Cli

EXAMPLES = resources.files("plnjournal.resources").joinpath("examples/frameworks")
MATRIX = "early-career-teaching.matrix"
CASE = "nurse-proficiencies.case.json"
XLSX = "formation-enseignants.xlsx"


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(EXAMPLES.joinpath(name).read_bytes())
    return path


def _exported(cli: Cli, tmp_path: Path, name: str = "out.json") -> dict[str, Any]:
    assert cli("skills", "export", str(tmp_path / name), "--force").code == 0
    data: dict[str, Any] = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    return data


def _skills(export: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {s["code"]: (a["name"], s) for a in export["areas"] for s in a["skills"]}


def test_matrix_round_trips(cli: Cli, tmp_path: Path) -> None:
    source = json.loads(EXAMPLES.joinpath(MATRIX).read_text(encoding="utf-8"))["framework"]
    r = cli("skills", "import", str(_copy(tmp_path, MATRIX)))
    assert r.code == 0, r.err
    out = _exported(cli, tmp_path)
    assert out["name"] == source["name"]
    assert "<" not in out["description"] and "Partnership handbook" in out["description"]
    # The evidence statuses from "does not meet" to "meets" are the scale; "begun" is not.
    statuses = {k: v for s in source["evidencestatuses"] for k, v in s.items()}
    assert [s["label"] for s in out["scale"]] == [
        statuses["incomplete"],
        statuses["partialcomplete"],
        statuses["completed"],
    ]
    standards = {s["standardid"]: s for s in source["standards"]}
    assert [a["name"] for a in out["areas"]] == [s["name"] for s in source["standards"]]
    assert [a["description"] for a in out["areas"]] == [
        plain_text(s["description"]) for s in source["standards"]
    ]
    skills = _skills(out)
    assert list(skills) == [e["shortname"] for e in source["standardelements"]]
    for element in source["standardelements"]:
        area, skill = skills[element["shortname"]]
        assert area == standards[element["standardid"]]["name"]
        assert skill["name"] == element["name"]
        assert skill["description"] == plain_text(element["description"])
        assert skill["target_level"] == 3  # meets the standard
    assert "- names the behaviour, not the pupil" in skills["LE2"][1]["description"]
    assert "&amp;" not in skills["PT2"][1]["description"]
    r = cli("skills", "export", str(tmp_path / "out.matrix"))
    assert r.code == 2 and "exported as .json, .csv or .xlsx" in r.err


def test_case_round_trips_in_sequence_order(cli: Cli, tmp_path: Path) -> None:
    source = json.loads(EXAMPLES.joinpath(CASE).read_text(encoding="utf-8"))
    assert cli("skills", "import", str(_copy(tmp_path, CASE))).code == 0
    out = _exported(cli, tmp_path)
    assert out["name"] == source["CFDocument"]["title"]
    assert out["description"] == source["CFDocument"]["description"]
    leaves = [i for i in source["CFItems"] if "humanCodingScheme" in i]
    skills = _skills(out)
    assert sorted(skills) == sorted(i["humanCodingScheme"] for i in leaves)
    for item in leaves:
        _, skill = skills[item["humanCodingScheme"]]
        assert skill["name"] == item["abbreviatedStatement"]
        assert skill["description"] == item["fullStatement"]
    # A rubric criterion with as many levels as the scale gives the item's descriptors, in
    # position order; one with three levels is read past.
    criteria = source["CFRubrics"][0]["CFRubricCriteria"]
    levels = sorted(criteria[0]["CFRubricCriterionLevels"], key=lambda lv: lv["position"])
    assert skills["NA2"][1]["levels"] == [lv["description"] for lv in levels]
    assert "levels" not in skills["SC1"][1]
    # The areas are the document's branches in sequence order, each with its leaves (NA1 and
    # NA2 one level further down, in their sequence order, not the file's); a leaf right under
    # the document goes last, in an area named after it.
    assert [(a["name"], [s["code"] for s in a["skills"]]) for a in out["areas"]] == [
        ("Assessing needs and planning care", ["NA1", "NA2", "NA3"]),
        ("Providing and evaluating care", ["SC1", "SC2", "SC3"]),
        ("Newly qualified nurse proficiencies", ["PD1"]),
    ]


def test_case_root_picks_a_subtree(cli: Cli, tmp_path: Path) -> None:
    source = json.loads(EXAMPLES.joinpath(CASE).read_text(encoding="utf-8"))
    domain = next(i for i in source["CFItems"] if i.get("CFItemType") == "Domain")
    r = cli("skills", "import", str(_copy(tmp_path, CASE)), "--root", domain["identifier"])
    assert r.code == 0, r.err
    out = _exported(cli, tmp_path)
    assert out["name"] == f"{source['CFDocument']['title']}: {domain['abbreviatedStatement']}"
    assert sorted(_skills(out)) == ["NA1", "NA2", "NA3"]
    r = cli("skills", "import", str(_copy(tmp_path, CASE)), "--root", "no-such-item")
    assert r.code == 2 and "--root 'no-such-item' is neither the CFDocument nor an item" in r.err


def test_case_reimport_updates_by_identifier(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    path = _copy(tmp_path, CASE)
    assert cli("skills", "import", str(path)).code == 0
    database = open_database(db_path)
    with database.session() as session:
        na1 = session.scalars(select(Skill).where(Skill.code == "NA1")).one()
        session.add(
            Rating(
                skill_id=na1.id,
                level=3,
                rated_on=dt.date(2026, 10, 1),
                source=RatingSource.MENTOR,
                rater="Sister Adeyemi",
                origin=RatingOrigin.IMPORT,
            )
        )
        na1_id, na1_identifier = na1.id, na1.external_id
    database.close()
    # The programme renumbers NA1 and NA2 (they swap codes) and rewords NA1.
    package = json.loads(path.read_text(encoding="utf-8"))
    for item in package["CFItems"]:
        if item.get("humanCodingScheme") in ("NA1", "NA2"):
            item["humanCodingScheme"] = {"NA1": "NA2", "NA2": "NA1"}[item["humanCodingScheme"]]
        if item["identifier"] == na1_identifier:
            item["abbreviatedStatement"] = "Admission and discharge assessment"
    path.write_text(json.dumps(package), encoding="utf-8")
    r = cli("skills", "import", str(path), "--json")
    assert r.code == 0, r.err
    summary = r.json()
    assert sorted(summary["updated"]) == ["NA1", "NA2"]
    assert summary["added"] == [] and summary["archived"] == [] and summary["removed"] == []
    database = open_database(db_path)
    with database.session() as session:
        skill = session.get(Skill, na1_id)
        assert skill is not None
        assert (skill.code, skill.name) == ("NA2", "Admission and discharge assessment")
        assert session.scalars(select(Rating.skill_id)).all() == [na1_id]
    database.close()


def _sheet(path: Path) -> list[list[object]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [[c for c in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return rows


def test_xlsx_round_trips(cli: Cli, tmp_path: Path) -> None:
    source = _sheet(_copy(tmp_path, XLSX))
    assert cli("skills", "import", str(tmp_path / XLSX)).code == 0
    assert cli("skills", "export", str(tmp_path / "out.xlsx")).code == 0
    exported = _sheet(tmp_path / "out.xlsx")
    assert exported[0][:7] == [
        "Area",
        "Code",
        "Name",
        "Description",
        "Target level",
        "Cadence (days)",
        "Keywords",
    ]
    assert exported[0][7:] == [f"Level {n}" for n in range(1, 6)]

    def cells(rows: list[list[object]]) -> list[list[object]]:
        return [[None if c == "" else c for c in row] for row in rows[1:]]

    # Header by header (French there, English here) the cells are the same.
    assert cells(exported) == cells(source)
    # Read back, it is the same framework.
    again = tmp_path / "again.sqlite3"
    assert cli("skills", "import", str(tmp_path / "out.xlsx"), db=again).code == 0
    first = _exported(cli, tmp_path, "first.json")
    assert cli("skills", "export", str(tmp_path / "second.json"), db=again).code == 0
    second = json.loads((tmp_path / "second.json").read_text(encoding="utf-8"))
    assert first["areas"] == second["areas"]


def test_bad_file_imports_nothing(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    doc = json.loads(EXAMPLES.joinpath(MATRIX).read_text(encoding="utf-8"))
    doc["framework"]["standardelements"][0]["standardid"] = 42
    path = tmp_path / "bad.matrix"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = cli("skills", "import", str(path))
    assert r.code == 2
    assert "standardelements[0].standardid: 42 is not a standard in this file" in r.err
    assert "1 problem; nothing was imported" in r.err
    assert not db_path.exists()  # a failed command leaves no journal behind


def test_case_reimport_refuses_a_code_held_by_a_skill_it_drops(cli: Cli, tmp_path: Path) -> None:
    path = _copy(tmp_path, CASE)
    assert cli("skills", "import", str(path)).code == 0
    package = json.loads(path.read_text(encoding="utf-8"))
    # NA3 leaves the package and NA1 takes its code: the journal's NA3 would keep it too.
    na3 = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "NA3")
    package["CFItems"].remove(na3)
    package["CFAssociations"] = [
        a
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] != na3["identifier"]
    ]
    for item in package["CFItems"]:
        if item.get("humanCodingScheme") == "NA1":
            item["humanCodingScheme"] = "NA3"
    path.write_text(json.dumps(package), encoding="utf-8")
    r = cli("skills", "import", str(path))
    assert r.code == 2
    assert "the journal's skill NA3 (Person-centred care planning) has this code" in r.err
    assert "nothing was imported" in r.err
    listed = {s["code"]: s["name"] for s in cli("skills", "list", "--json").json()}
    assert listed["NA1"] == "Admission assessment" and "NA3" in listed


def test_case_reimport_a_new_item_takes_a_code_an_old_one_gave_up(cli: Cli, tmp_path: Path) -> None:
    path = _copy(tmp_path, CASE)
    assert cli("skills", "import", str(path)).code == 0
    package = json.loads(path.read_text(encoding="utf-8"))
    items = package["CFItems"]
    na1 = next(i for i in items if i.get("humanCodingScheme") == "NA1")
    na1["humanCodingScheme"] = "NA9"
    new = dict(na1, identifier="11111111-2222-4333-8444-555555555555", humanCodingScheme="NA1")
    new["abbreviatedStatement"] = "Discharge planning"
    new["fullStatement"] = "Plans a safe discharge with the person and their family."
    items.append(new)
    link = next(
        a
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] == na1["identifier"]
    )
    package["CFAssociations"].append(
        dict(link, identifier="link-new", originNodeURI={"identifier": new["identifier"]})
    )
    # Two domains swap their names as well: the areas follow their identifiers.
    domains = [i for i in items if i.get("CFItemType") == "Domain"]
    first, second = (d["abbreviatedStatement"] for d in domains)
    domains[0]["abbreviatedStatement"], domains[1]["abbreviatedStatement"] = second, first
    path.write_text(json.dumps(package), encoding="utf-8")
    r = cli("skills", "import", str(path), "--json")
    assert r.code == 0, r.err
    summary = r.json()
    assert summary["added"] == ["NA1"] and summary["updated"] == ["NA9"]
    listed = {s["code"]: s for s in cli("skills", "list", "--json").json()}
    assert listed["NA9"]["name"] == "Admission assessment"
    assert listed["NA1"]["name"] == "Discharge planning"
    assert listed["SC1"]["area"] == first and listed["NA2"]["area"] == second
