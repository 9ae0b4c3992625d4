"""Malformed Mahara, CASE and spreadsheet frameworks: refused whole, each problem on one line
saying where it is in the file's own terms."""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import openpyxl
import pytest

from plnjournal.core.frameworks.files import parse_framework
from plnjournal.errors import InputError, ValidationError

EXAMPLES = resources.files("plnjournal.resources").joinpath("examples/frameworks")


def _matrix() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        EXAMPLES.joinpath("early-career-teaching.matrix").read_text(encoding="utf-8")
    )
    return data


def _case() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        EXAMPLES.joinpath("nurse-proficiencies.case.json").read_text(encoding="utf-8")
    )
    return data


def _problems(data: bytes, file: str, fmt: str, **kw: Any) -> list[str]:
    with pytest.raises(ValidationError) as err:
        parse_framework(data, file, fmt, **kw)
    lines = [str(p) for p in err.value.problems]
    assert all("\n" not in line for line in lines)
    return lines


def test_matrix_element_of_a_missing_standard_says_where() -> None:
    doc = _matrix()
    doc["framework"]["standardelements"][3]["standardid"] = 17
    text = json.dumps(doc, indent=1).encode()
    line = text.decode().splitlines().index('    "standardid": 17,') + 1
    assert _problems(text, "p.matrix", "matrix") == [
        f"p.matrix:{line}: standardelements[3].standardid: 17 is not a standard in this file"
    ]


def test_matrix_bad_parent_duplicate_code_and_no_name_are_all_reported() -> None:
    doc = _matrix()
    fw = doc["framework"]
    fw["name"] = ""
    fw["standardelements"][2]["parentelementid"] = "9.9"
    fw["standardelements"][4]["shortname"] = "PT1"
    problems = _problems(json.dumps(doc, indent=1).encode(), "p.matrix", "matrix")
    assert len(problems) == 3
    assert "framework.name: the framework needs a name" in problems[0]
    assert (
        "standardelements[2].parentelementid: '9.9' is not an element in this file" in (problems[1])
    )
    assert (
        "standardelements[4]: duplicate code 'PT1' (also at standardelements[3])" in (problems[2])
    )


def test_matrix_long_shortname_uses_the_element_id_else_is_refused() -> None:
    doc = _matrix()
    element = doc["framework"]["standardelements"][0]
    element["shortname"] = "Establishing routines that pupils know by heart"
    spec = parse_framework(json.dumps(doc).encode(), "p.matrix", "matrix")
    assert spec.all_skills()[0].code == "1.1"
    del element["elementid"]
    [problem] = _problems(json.dumps(doc).encode(), "p.matrix", "matrix")
    assert "standardelements[0].shortname" in problem and "no elementid" in problem


def test_matrix_older_nested_layout_reads() -> None:
    doc = {
        "framework": {
            "name": "Nested",
            "standards": [
                {
                    "shortname": "S1",
                    "name": "Know the students",
                    "standardelement": [
                        {"shortname": "1.1", "name": "One", "description": "d"},
                        {"shortname": "1.2", "name": "Two", "description": "<b>e</b>"},
                    ],
                }
            ],
        }
    }
    spec = parse_framework(json.dumps(doc).encode(), "n.matrix", "matrix")
    assert [(s.code, s.description) for s in spec.all_skills()] == [("1.1", "d"), ("1.2", "e")]
    assert len(spec.scale) == 5  # no evidence statuses: the standard scale


def test_case_unknown_parent_circle_and_missing_identifier() -> None:
    doc = _case()
    links = doc["CFAssociations"]
    links[1]["destinationNodeURI"]["identifier"] = "not-here"
    # The first domain made a child of NA1, which is under the domain's cluster: a circle.
    na1 = next(i for i in doc["CFItems"] if i.get("humanCodingScheme") == "NA1")
    links[0]["destinationNodeURI"]["identifier"] = na1["identifier"]
    del doc["CFItems"][5]["identifier"]
    problems = _problems(json.dumps(doc, indent=1).encode(), "n.json", "json")
    assert any("CFItems[5]: each item needs an identifier" in p for p in problems)
    assert any(
        "CFAssociations[1].destinationNodeURI: 'not-here' is not an item of this package" in p
        for p in problems
    )
    assert any("would be its own ancestor" in p and p.startswith("n.json:") for p in problems), (
        problems
    )


def test_case_root_must_exist_and_root_is_for_case_only() -> None:
    data = json.dumps(_case()).encode()
    with pytest.raises(InputError, match="--root 'x' is neither"):
        parse_framework(data, "n.json", "json", root="x")
    with pytest.raises(InputError, match="--root is for CASE packages only"):
        parse_framework(json.dumps(_matrix()).encode(), "m.json", "json", root="x")
    with pytest.raises(InputError, match="--root is for CASE packages only"):
        parse_framework(b"area,code,name,description,target_level\n", "s.csv", "csv", root="x")


def test_forced_format_that_does_not_fit() -> None:
    with pytest.raises(ValidationError, match="not a CASE package"):
        parse_framework(json.dumps(_matrix()).encode(), "m.json", "case")
    with pytest.raises(ValidationError, match="not a SmartEvidence file"):
        parse_framework(json.dumps(_case()).encode(), "c.json", "matrix")


def _workbook(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_headers_in_four_languages() -> None:
    for header in (
        ["Area", "Code", "Name", "Description", "Target level"],
        ["Domaine", "Code", "Compétence", "Description", "Niveau cible"],
        ["Bereich", "Kürzel", "Kompetenz", "Beschreibung", "Zielniveau"],
        ["Área", "Código", "Competencia", "Descripción", "Nivel objetivo"],
    ):
        spec = parse_framework(_workbook([header, ["A", "C1", "N", "D", 4]]), "s.xlsx", "xlsx")
        assert [(s.code, s.target_level) for s in spec.all_skills()] == [("C1", 4)]


def test_xlsx_problems_name_the_row_and_the_users_header() -> None:
    data = _workbook(
        [
            ["Domaine", "Code", "Compétence", "Description", "Niveau cible", "Remarques"],
            ["A", "C1", "N", "D", 3],
        ]
    )
    [problem] = _problems(data, "s.xlsx", "xlsx")
    assert problem == "s.xlsx:1: Remarques: unknown column"
    data = _workbook(
        [
            ["Domaine", "Code", "Compétence", "Description", "Niveau cible"],
            ["A", "C1", "N", "D", 3],
            [None],  # a blank row keeps the sheet's numbering
            ["A", "C2", "N2", "D", 9],
        ]
    )
    assert _problems(data, "s.xlsx", "xlsx") == [
        "s.xlsx:4: Niveau cible: '9' is not a level of the scale 1–5"
    ]


def test_xlsx_that_is_not_a_workbook() -> None:
    [problem] = _problems(b"area,code\n", "s.xlsx", "xlsx")
    assert problem.startswith("s.xlsx: ") and "damaged" in problem


def test_case_rubrics_of_the_wrong_shape() -> None:
    doc = _case()
    doc["CFRubrics"][0]["CFRubricCriteria"][1].pop("CFItemURI")
    [problem] = _problems(json.dumps(doc, indent=1).encode(), "n.json", "json")
    assert "CFRubrics[0].CFRubricCriteria[1]: needs a CFItemURI with an identifier" in problem
    doc["CFRubrics"] = "levels"
    [problem] = _problems(json.dumps(doc, indent=1).encode(), "n.json", "json")
    assert problem.endswith("CFRubrics: must be a list")


def test_case_package_as_the_case_service_answers() -> None:
    bare = parse_framework(json.dumps(_case()).encode(), "n.json", "json")
    wrapped = parse_framework(json.dumps({"CFPackage": _case()}).encode(), "w.json", "json")
    assert wrapped == bare
