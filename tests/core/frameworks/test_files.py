"""Framework files: JSON and CSV read and write losslessly; every bad file says where and why."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from plnjournal.core.frameworks.csv_files import spec_from_csv, spec_to_csv
from plnjournal.core.frameworks.files import (
    framework_text,
    parse_framework,
    read_framework_file,
    write_framework_file,
)
from plnjournal.core.frameworks.spec import builtin_frameworks, load_builtin
from plnjournal.errors import InputError, ValidationError

HEADER = (
    "area,code,name,description,target_level,cadence_days,level_1,level_2,level_3,level_4,level_5"
)


def _problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("framework_id", sorted(builtin_frameworks()))
def test_builtin_json_written_back_byte_for_byte(framework_id: str) -> None:
    original = (
        resources.files("plnjournal.resources")
        .joinpath(f"frameworks/{framework_id}.json")
        .read_text(encoding="utf-8")
    )
    spec = load_builtin(framework_id)
    assert 20 <= len(spec.all_skills()) <= 35
    assert framework_text(spec, "json") == original


@pytest.mark.parametrize("framework_id", sorted(builtin_frameworks()))
def test_builtin_csv_round_trip(framework_id: str) -> None:
    spec = load_builtin(framework_id)
    text = spec_to_csv(spec)
    again = spec_from_csv(text, "x.csv", name=spec.name)
    assert spec_to_csv(again) == text
    assert [s.code for s in again.all_skills()] == [s.code for s in spec.all_skills()]
    assert again.all_skills()[0].levels == spec.all_skills()[0].levels


def test_csv_with_bom_semicolons_crlf_and_multiline_cells() -> None:
    text = (
        "\ufeffArea;Code;Name;Description;Target_Level;Cadence_Days\r\n"
        'Partnerships;PA1;Difficult conversations;"Raising concerns.\r\nEven when they '
        'disagree; ""honestly"".";3;\r\n'
        "Partnerships;PA2;Reports;;4;30\r\n"
    )
    spec = parse_framework(text.encode("utf-8"), "mine.csv", "csv")
    (pa1, pa2) = spec.all_skills()
    assert pa1.description == 'Raising concerns.\nEven when they disagree; "honestly".'
    assert pa1.cadence_days is None and pa2.cadence_days == 30 and pa2.target_level == 4
    assert spec.name == "Mine" and [a.name for a in spec.areas] == ["Partnerships"]


def test_csv_with_tabs_and_level_columns() -> None:
    text = "area\tcode\tname\tdescription\ttarget_level\tlevel_1\tlevel_2\tlevel_3\n"
    text += "A\tA1\tOne\t\t2\tlow\tmid\thigh\n"
    spec = spec_from_csv(text, "t.csv")
    assert spec.scale == [(1, "Level 1"), (2, "Level 2"), (3, "Level 3")]
    assert spec.all_skills()[0].levels == ["low", "mid", "high"]


def test_csv_problems_name_line_and_column() -> None:
    text = (
        f"{HEADER}\n"
        "A,A1,One,,3,,a,b,c,d,e\n"
        'A,A2,"Two\nlines",,3,,a,b,c,d,e\n'
        "A,a1,Three,,9,-4,a,b,c,d,e\n"
    )
    with pytest.raises(ValidationError) as exc:
        spec_from_csv(text, "f.csv")
    assert _problems(exc) == [
        "f.csv:5: code: duplicate code 'a1' (first on line 2)",
        "f.csv:5: target_level: '9' is not a level of the scale 1–5",
        "f.csv:5: cadence_days: '-4' must be a whole number of days from 1 to 3660 (the limit), "
        "or empty",
    ]


def test_csv_missing_and_unknown_columns() -> None:
    with pytest.raises(ValidationError) as exc:
        spec_from_csv("area,code,name,cadance_days\nA,A1,One,3\n", "f.csv")
    assert _problems(exc) == [
        "f.csv:1: cadance_days: unknown column (did you mean cadence_days?)",
        "f.csv:1: description: required column is missing",
        "f.csv:1: target_level: required column is missing",
    ]


def test_csv_level_columns_must_match_the_journal_scale() -> None:
    text = "area,code,name,description,target_level,level_1,level_2,level_3\nA,A1,One,,2,a,b,c\n"
    scale = [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    with pytest.raises(ValidationError) as exc:
        spec_from_csv(text, "f.csv", scale=scale)
    assert "the file has 3 level columns; the journal's scale has 4 levels" in _problems(exc)[0]


def test_csv_bad_quotes_and_empty_file() -> None:
    with pytest.raises(ValidationError) as exc:
        spec_from_csv('area,code,name,description,target_level\nA,A1,"One"x,,3\n', "q.csv")
    assert _problems(exc)[0].startswith("q.csv:2: cannot read the CSV here")
    with pytest.raises(ValidationError, match="the file is empty"):
        parse_framework(b"\xef\xbb\xbf \r\n", "e.csv", "csv")


def test_unreadable_bytes_give_line_and_column() -> None:
    data = f"{HEADER}\nA,A1,Caf".encode() + b"\xe9,,3,,,,,,\n"
    with pytest.raises(ValidationError) as exc:
        parse_framework(data, "latin1.csv", "csv")
    (problem,) = exc.value.problems
    assert (problem.line, problem.column) == (2, "column 9")
    assert "0xE9 is not UTF-8" in problem.message
    with pytest.raises(ValidationError, match="not a text file"):
        parse_framework(b"PK\x03\x04\x00\x00binary", "book.csv", "csv")


def test_json_problems_carry_line_numbers() -> None:
    doc = """{
  "format": "plnjournal-framework",
  "version": 1,
  "name": "Mine",
  "areas": [
    {"name": "A", "skills": [
      {"code": "A1", "name": "One", "target_level": 3},
      {"code": "a1", "name": "Two",
       "target_level": 0, "levels": ["x"]}
    ]}
  ]
}"""
    with pytest.raises(ValidationError) as exc:
        parse_framework(doc.encode(), "m.json", "json")
    assert _problems(exc) == [
        "m.json:8: areas[0].skills[1].code: duplicate code 'a1' (also at areas[0].skills[0])",
        "m.json:9: areas[0].skills[1].target_level: 0 is not a level of the scale 1–5",
        "m.json:9: areas[0].skills[1].levels: has 1 descriptors; the scale has 5 levels",
    ]


def test_json_syntax_error_and_wrong_kind_of_file() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_framework(b'{\n  "name": "x",,\n}', "s.json", "json")
    (p,) = exc.value.problems
    assert (p.line, p.column) == (2, "column 15") and "not valid JSON" in p.message
    feedback = json.dumps({"format": "plnjournal-feedback", "items": []}).encode()
    with pytest.raises(ValidationError, match="is not a skills framework"):
        parse_framework(feedback, "f.json", "json")
    newer = json.dumps({"format": "plnjournal-framework", "version": 9, "areas": []}).encode()
    with pytest.raises(ValidationError, match="newer than this PLN Journal reads"):
        parse_framework(newer, "n.json", "json")


def test_json_scale_must_count_up() -> None:
    doc = {"name": "x", "scale": [{"level": 1, "label": "a"}, {"level": 3, "label": "c"}]}
    with pytest.raises(ValidationError, match="levels must count up one by one"):
        parse_framework(json.dumps(doc | {"areas": []}).encode(), "s.json", "json")


def test_files_by_extension(tmp_path: Path) -> None:
    spec = load_builtin("nursing")
    for name in ("n.json", "n.csv"):
        write_framework_file(tmp_path / name, spec)
        again = read_framework_file(tmp_path / name)
        assert [s.code for s in again.all_skills()] == [s.code for s in spec.all_skills()]
    assert (tmp_path / "n.csv").read_bytes().count(b"\r\n") >= 28
    with pytest.raises(InputError, match="cannot tell the format"):
        read_framework_file(tmp_path / "n.docx")
    with pytest.raises(InputError, match="no such file"):
        read_framework_file(tmp_path / "missing.csv")
