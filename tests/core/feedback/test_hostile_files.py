"""Hostile feedback files (issue 18): each class of attack is refused with a located one-line
problem, in bounded memory, and nothing escapes but the app's own problems."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile

import openpyxl
import pytest

from plnjournal.core.feedback.formats import parse_file
from plnjournal.core.feedback.importer import ImportOptions, Source, plan_sources
from plnjournal.core.feedback.tables import MAX_COLUMNS
from plnjournal.core.feedback.text import MAX_JSON_DEPTH
from plnjournal.core.feedback.xlsx import MAX_XLSX_MEMBERS, MAX_XLSX_UNZIPPED
from tests.core.feedback.helpers import small_index

ITEM = {"date": "2026-11-03", "mentor": "Ms Okafor", "skill": "CL1", "rating": 3}
HEADER = "date,mentor,skill,rating,comment\n"


def parse(name: str, data: bytes | str):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_file(name, raw, small_index())


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path_factory.mktemp("hostile") / "j.sqlite3")
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    yield database
    database.close()


def plan_errors(journal, name: str, data: bytes) -> list:
    """The problems a whole import check (reading and validating) finds in one file."""
    with journal.session() as s:
        plan = plan_sources(s, [Source(name, data)], ImportOptions())
    for p in plan.errors + plan.warnings:
        assert "\n" not in str(p) and len(str(p)) < 600, str(p)[:200]
    return plan.errors


def one_line(pf) -> None:
    """Every problem is one short line (a message never breaks the terminal's lines)."""
    for p in pf.errors + pf.warnings:
        text = str(p)
        assert "\n" not in text and "\r" not in text and len(text) < 600, text[:200]


# --- #5: JSON read in memory bounded by the file's size --------------------------------------


@pytest.mark.parametrize("body", ["x" * 2_000_000, "\\n" * 1_000_000])
def test_a_long_json_string_is_read_in_memory_bounded_by_its_size(body: str) -> None:
    data = json.dumps({"items": [ITEM | {"comment": ""}]}).replace('""', f'"{body}"').encode()
    tracemalloc.start()
    try:
        pf = parse("big.json", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not pf.errors and len(pf.items) == 1
    assert peak < 10 * len(data), f"{peak / len(data):.0f}x the file's size"


def test_item_lines_are_still_placed_with_the_json_module() -> None:
    text = '{\n "items": [\n  {"skill": "CL1"},\n\n  {"skill": "IN1",\n "x": 1}, 7\n ]\n}'
    pf = parse("f.json", text)
    assert [i.line for i in pf.items] == [3, 5]
    assert [(p.line, p.message) for p in pf.errors][-1][0] == 6  # the 7 is not an object


@pytest.mark.parametrize(
    "text",
    [
        '{"items": [\n{"a": 1},\n{"a": 2,,}]}',
        '[\n{"a": 1}\n{"a": 2}]',
        '{"items": [{"a": 1}]}\n  x',
        '{"items" [1]}',
        '{"items": [{"a": 1}], 3}',
        '{"items": [{"a": "unterminated',
        '{"items": [\n\n{"a": tru}]}',
    ],
)
def test_bad_json_is_located_where_the_json_module_places_it(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    pf = parse("f.json", text)
    (problem,) = pf.errors
    assert problem.line == expected.value.lineno
    assert f"(column {expected.value.colno})" in problem.message, problem


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 900, 100_000])
def test_deeply_nested_json_is_refused_at_the_line_it_goes_too_deep(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    text = '{"items": [\n' + json.dumps(ITEM)[:-1] + ', "comment":\n' + nested + "}]}"
    pf = parse("deep.json", text)
    (problem,) = pf.errors
    assert problem.line == 3 and f"the limit is {MAX_JSON_DEPTH}" in problem.message
    one_line(pf)


def test_xapi_agents_nested_just_under_the_limit_are_read() -> None:
    group: dict = {"name": "Mr Brennan"}
    for _ in range((MAX_JSON_DEPTH - 8) // 2):  # an object and a list per level
        group = {"member": [group]}
    st = {
        "verb": {"id": "x/scored"},
        "object": {"id": "https://x.org/skills/IN2"},
        "result": {"score": {"scaled": 0.5}},
        "context": {"instructor": group},
        "timestamp": "2026-11-25",
    }
    pf = parse("lrs.json", json.dumps([st]))
    assert not pf.errors and pf.items[0].values["mentor"] == "Mr Brennan"


# --- #8: numbers, types, messages ------------------------------------------------------------


@pytest.mark.parametrize("digits", [30, 4000, 5000, 100_000])
@pytest.mark.parametrize("kind", ["json", "csv", "quoted json"])
def test_a_rating_with_thousands_of_digits_is_a_located_problem(
    journal, digits: int, kind: str
) -> None:
    number = "9" * digits
    if kind == "csv":
        data = f"{HEADER}2026-11-03,Ms O,CL1,{number},x\n"
    else:
        value = f'"{number}"' if kind == "quoted json" else number
        data = '{"items": [\n' + json.dumps(ITEM).replace(": 3", f": {value}") + "]}"
    errors = plan_errors(journal, f"f.{kind[-4:]}", data.encode())
    assert errors and errors[0].line == 2, errors


@pytest.mark.parametrize(
    "score",
    [
        {"raw": 1e308, "min": -1e308, "max": 1e308},
        {"raw": 1, "min": 0, "max": 1e-320},
        {"scaled": 1e-320, "raw": 10**400},
        {"raw": 10**400, "max": 10**401},
    ],
)
def test_xapi_scores_that_overflow_to_nan_are_located_problems(score: dict) -> None:
    st = {
        "verb": {"id": "x/scored"},
        "object": {"id": "https://x.org/skills/IN2"},
        "result": {"score": score},
        "context": {"instructor": {"name": "Mr Brennan"}},
        "timestamp": "2026-11-25",
    }
    pf = parse("lrs.json", json.dumps({"statements": [st]}))
    for p in pf.errors:
        assert p.line == 1 and p.column == "result.score"
    one_line(pf)


def test_wrong_types_are_named_briefly_and_on_one_line() -> None:
    doc = {
        "format": ["x" * 10_000],
        "items": [ITEM | {"skill": ["CL1"], "a\nb": 1}],
    }
    pf = parse("f.json", json.dumps(doc))
    one_line(pf)
    doc["format"] = "plnjournal-feedback"
    pf = parse("f.json", json.dumps(doc))
    one_line(pf)
    assert any("a\\nb" in str(w) for w in pf.warnings)


def test_many_unknown_keys_are_one_warning_each_for_a_few_then_counted() -> None:
    item = ITEM | {f"k{i}": i for i in range(5000)}
    pf = parse("f.json", json.dumps({"items": [item]}))
    assert len(pf.warnings) <= 21 and "4980 more" in pf.warnings[-1].message


# --- #6: absurd widths -----------------------------------------------------------------------


def test_three_hundred_thousand_columns_are_refused_by_count() -> None:
    data = ",".join(f"c{i}" for i in range(300_000)) + "\n" + "1," * 299_999 + "1\n"
    pf = parse("wide.csv", data)
    (problem,) = pf.errors
    assert problem.file == "wide.csv" and problem.line == 1
    assert "300000 columns" in problem.message and f"the limit is {MAX_COLUMNS}" in problem.message


def test_four_hundred_columns_are_imported() -> None:
    headers = ["Timestamp", "Name", "Rating [CL1]"] + [f"Extra question {i}" for i in range(397)]
    row = ["2026-11-03 10:00", "Ms O", "3"] + [""] * 397
    pf = parse("wide.csv", ",".join(headers) + "\n" + ",".join(row) + "\n")
    assert not pf.errors and len(pf.items) == 1 and len(pf.columns) == 400


# --- #8: damaged and oversized workbooks -----------------------------------------------------


def _workbook(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """The workbook's members, changed by ``change(name, bytes) -> bytes | None``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


GOOD = _workbook([["date", "mentor", "skill", "rating"], ["2026-11-03", "Ms O", "CL1", 3]])


@pytest.mark.parametrize(
    "change",
    [
        lambda n, b: None if n.startswith("xl/worksheets/") else b,  # sheet missing (KeyError)
        lambda n, b: b[:-40] if n.startswith("xl/worksheets/") else b,  # XML cut short
        lambda n, b: b"<x>&bogus;</x>" if n == "xl/workbook.xml" else b,  # XML error
        lambda n, b: b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>" if n.endswith("s.xml") else b,
        lambda n, b: b.replace(b"<v>3</v>", b"<v>" + b"9" * 5000 + b"</v>"),
        lambda n, b: b.replace(b'r="A2"', b'r="A99999999999"'),
    ],
)
def test_damaged_workbooks_are_one_located_problem(change) -> None:
    pf = parse("f.xlsx", _rezip(GOOD, change))
    one_line(pf)
    assert pf.errors or pf.items


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it() -> None:
    zeros = b"0" * (MAX_XLSX_UNZIPPED + 1)
    data = _rezip(GOOD, lambda n, b: zeros if n == "xl/sharedStrings.xml" else b)
    if b"xl/sharedStrings.xml" not in data:
        out = io.BytesIO(data)
        with zipfile.ZipFile(out, "a") as z:
            z.writestr("xl/sharedStrings.xml", zeros, zipfile.ZIP_DEFLATED)
        data = out.getvalue()
    pf = parse("bomb.xlsx", data)
    (problem,) = pf.errors
    assert f"the limit is {MAX_XLSX_UNZIPPED // 2**20} MB" in problem.message


def test_a_workbook_with_too_many_members_is_refused() -> None:
    out = io.BytesIO(GOOD)
    with zipfile.ZipFile(out, "a") as z:
        for i in range(MAX_XLSX_MEMBERS + 1):
            z.writestr(f"junk/{i}", b"")
    pf = parse("many.xlsx", out.getvalue())
    (problem,) = pf.errors
    assert f"the limit is {MAX_XLSX_MEMBERS}" in problem.message


def test_a_workbook_wider_than_the_column_limit_is_refused() -> None:
    data = _workbook([[f"c{i}" for i in range(MAX_COLUMNS + 1)], [1] * (MAX_COLUMNS + 1)])
    pf = parse("wide.xlsx", data)
    (problem,) = pf.errors
    assert f"the limit is {MAX_COLUMNS}" in problem.message
