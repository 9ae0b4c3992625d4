"""Every feedback format and encoding read into plain items, and every damaged file reported."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json

import openpyxl
import pytest

from plnjournal.core.feedback.dates import DateProblem, parse_feedback_date
from plnjournal.core.feedback.formats import parse_file
from plnjournal.core.feedback.schema import LevelProblem, SkillRef
from tests.core.feedback.helpers import small_index

LONG = (
    "Date,MENTOR, Skill ,rating,Comment,Room\r\n"
    '2026-11-03,Ms Okafor,cl1,3,"Calm start.\r\nSecond line, with a comma.",B12\r\n'
    "2026-11-03,Ms Okafor, managing transitions ,,Comment only,B12\r\n"
)


def values(item) -> dict:
    return dict(item.values)


def parse(name: str, data: bytes | str, mapping: dict | None = None):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_file(name, raw, small_index(), mapping)


# --- CSV long ---------------------------------------------------------------------------


def test_long_csv_headers_any_case_multiline_cells_and_extra_column_warning() -> None:
    pf = parse("f.csv", LONG)
    assert pf.format == "csv-long" and not pf.errors
    first, second = pf.items
    assert first.line == 2 and second.line == 4  # the quoted cell spans lines 2-3
    assert values(first)["comment"] == "Calm start.\r\nSecond line, with a comma."
    assert values(first)["skill"] == "cl1" and values(first)["rating"] == "3"
    assert first.raw["Room"] == "B12"  # provenance keeps every cell
    assert [(w.line, w.column) for w in pf.warnings] == [(1, "Room")]
    assert "not recognised" in pf.warnings[0].message


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(delimiter: str) -> None:
    text = LONG.replace(",", delimiter).replace(f"line{delimiter} with", "line, with")
    pf = parse("f.txt", text)
    assert not pf.errors and len(pf.items) == 2
    assert values(pf.items[0])["comment"].endswith("Second line, with a comma.")


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + LONG.encode("utf-8"),
        codecs.BOM_UTF16_LE + LONG.encode("utf-16-le"),  # Excel "Unicode text"
        codecs.BOM_UTF16_BE + LONG.encode("utf-16-be"),
        LONG.encode("utf-16-le"),  # no byte order mark
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom"],
)
def test_encodings(encoded: bytes) -> None:
    pf = parse("f.csv", encoded)
    assert not pf.errors
    assert [values(i)["skill"] for i in pf.items] == ["cl1", " managing transitions "]
    assert pf.columns[0].header == "Date"  # the BOM is not part of the first header


def test_excel_unicode_text_tab_separated_utf16() -> None:
    text = "date\tmentor\tskill\trating\tcomment\r\n2026-11-03\tMr Brennan\tIN2\t4\tÉlan — bien\r\n"
    pf = parse("export.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert not pf.errors and values(pf.items[0])["comment"] == "Élan — bien"


def test_a_row_with_more_cells_than_the_header_is_an_error() -> None:
    pf = parse("f.csv", "date,mentor,skill,rating,comment\n2026-11-03,Ms O,CL1,3,Good, but slow\n")
    assert [(e.line, e.column) for e in pf.errors] == [(2, None)]
    assert "double quotes" in pf.errors[0].message


def test_missing_columns_name_what_is_missing() -> None:
    pf = parse("f.csv", "when?,skill,rating\n2026-11-03,CL1,3\n")
    messages = " ".join(e.message for e in pf.errors)
    assert "no 'date' column" in messages and "no 'mentor' column" in messages
    assert "--map" in messages


def test_mapping_names_a_column() -> None:
    pf = parse(
        "f.csv",
        "Observed on,Observer,Skill,Level\n2026-11-03,Ms O,CL1,3\n",
        {"observed on": "date", "Observer": "mentor"},
    )
    assert not pf.errors and values(pf.items[0])["date"] == "2026-11-03"


# --- wide (Forms) -----------------------------------------------------------------------

GOOGLE = (
    "Timestamp,Email Address,Your name,Rate the lesson [Managing transitions],"
    "Rate the lesson [IN1],Which class?,What went well?,Even better if...\n"
    "2026/11/03 4:15:12 PM GMT,o@x.org,Ms Okafor,Competent,4,9B,Calm,Plenary\n"
    "2026/11/04 9:00:00 AM GMT,o@x.org,Ms Okafor,,,9B,,\n"
    "2026/11/05 9:00:00 AM GMT,o@x.org,Ms Okafor,3 - Competent,n/a,9B,,\n"
)


def test_google_forms_grid_export() -> None:
    pf = parse("responses.csv", GOOGLE)
    assert pf.format == "csv-wide" and not pf.errors
    assert [(i.line, values(i)["skill"].code, values(i).get("rating")) for i in pf.items] == [
        (2, "CL1", "Competent"),
        (2, "IN1", "4"),
        (4, "CL1", "3 - Competent"),
    ]
    first = values(pf.items[0])
    assert first["mentor"] == "Ms Okafor"  # the name wins over the e-mail address
    assert first["comment"] == "**What went well?**\n\nCalm\n\n**Even better if...**\n\nPlenary"
    assert [w.column for w in pf.warnings] == ["Which class?"]
    roles = {c.header: c.role for c in pf.columns}
    assert roles["Rate the lesson [IN1]"] == "rating:IN1" and roles["Email Address"] == "info"


def test_wide_comment_without_any_rating_is_an_error_not_lost() -> None:
    text = (
        "Timestamp,Name,Managing transitions,Comments\n2026-11-03 10:00,Ms O,,Please talk to me\n"
    )
    pf = parse("f.csv", text)
    assert [(e.line, e.column) for e in pf.errors] == [(2, "Comments")]


def test_wide_unknown_rating_column_is_kept_as_a_skill_to_check() -> None:
    text = "Timestamp,Name,Rate [Managing transitons],Rate [Brand new skill]\n2026-11-03,Ms O,3,4\n"
    pf = parse("f.csv", text)
    assert not pf.errors
    assert [values(i)["skill"] for i in pf.items][1] == "Brand new skill"
    assert {c.role for c in pf.columns if not c.recognised} == {"new skill"}


def _xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_microsoft_forms_xlsx_with_date_cells_and_likert_headers() -> None:
    data = _xlsx(
        [
            [
                "ID",
                "Start time",
                "Completion time",
                "Email",
                "Name",
                "Rate.Managing transitions",
                "Comments",
            ],
            [
                1,
                dt.datetime(2026, 11, 3, 15),
                dt.datetime(2026, 11, 3, 15, 9),
                "o@x",
                "Ms O",
                4,
                "Good",
            ],
            [
                2,
                dt.datetime(2026, 11, 4, 15),
                dt.datetime(2026, 11, 4, 15, 9),
                "o@x",
                "Ms O",
                2.0,
                None,
            ],
        ]
    )
    pf = parse("Feedback(1-2).xlsx", data)
    assert pf.format == "xlsx-wide" and not pf.errors
    a, b = pf.items
    assert values(a)["date"] == dt.datetime(2026, 11, 3, 15, 9)  # completion, not start time
    assert (values(a)["rating"], values(a)["comment"], values(b)["rating"]) == (4, "Good", 2.0)
    assert a.line == 2 and b.line == 3


def test_long_xlsx() -> None:
    data = _xlsx([["date", "mentor", "skill", "rating"], ["2026-11-03", "Ms O", "PA1", 2]])
    pf = parse("f.xlsx", data)
    assert pf.format == "xlsx-long" and values(pf.items[0])["rating"] == 2


# --- JSON and xAPI ----------------------------------------------------------------------


def test_own_json_with_defaults_and_item_lines() -> None:
    doc = {
        "format": "plnjournal-feedback",
        "version": 1,
        "mentor": "Ms Okafor",
        "date": "2026-11-03",
        "items": [
            {"skill": "CL1", "rating": 3, "comment": "ok"},
            {"skill": "PA1", "rating": None, "comment": "talk", "date": "2026-11-04", "x": 1},
        ],
    }
    pf = parse("f.json", json.dumps(doc, indent=2))
    assert pf.format == "json" and not pf.errors
    a, b = pf.items
    assert values(a)["mentor"] == "Ms Okafor" and values(b)["date"] == "2026-11-04"
    assert (a.line, b.line) == (7, 12)
    assert [(w.column, w.line) for w in pf.warnings] == [("x", 12)]


def _statement(**over) -> dict:
    st = {
        "actor": {"name": "Sam"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
        "object": {"id": "https://x.org/skills/IN2", "definition": {"name": {"en": "?"}}},
        "result": {"score": {"scaled": 0.5}, "response": "Wait longer."},
        "context": {"instructor": {"name": "Mr Brennan"}},
        "timestamp": "2026-11-25T14:05:00Z",
    }
    st.update(over)
    return st


def test_xapi_statements_as_an_array_and_as_a_statements_object() -> None:
    for doc in ([_statement()], {"statements": [_statement()], "more": None}):
        pf = parse("lrs.json", json.dumps(doc))
        assert pf.format == "xapi" and not pf.errors
        item = values(pf.items[0])
        assert item["skill"].code == "IN2"  # from the last path segment of object.id
        assert (item["rating"], item["mentor"], item["comment"]) == (
            3,
            "Mr Brennan",
            "Wait longer.",
        )


def test_xapi_score_mapping_authority_rounding_and_skipped_statements() -> None:
    statements = [
        _statement(
            object={"definition": {"name": {"en-GB": "Managing transitions"}}},
            result={"score": {"raw": 7, "min": 0, "max": 10}},
            context={},
            authority={"mbox": "mailto:lrs@school.org"},
        ),
        _statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"}),
        _statement(result={"completion": True}),
        _statement(result={"score": {"scaled": 1.5}}),
    ]
    pf = parse("lrs.json", json.dumps(statements))
    (item,) = pf.items
    assert values(item)["skill"].code == "CL1" and values(item)["mentor"] == "lrs@school.org"
    assert values(item)["rating"] == 4  # 1 + 0.7 * 4 = 3.8, rounded
    assert any("rounded to 4" in w.message for w in pf.warnings)
    assert any("2 statements" in w.message for w in pf.warnings)
    assert [e.column for e in pf.errors] == ["result.score"]


# --- Markdown letter --------------------------------------------------------------------

LETTER = """---
mentor: "Ms Okafor"
date: 2026-11-24
---

Dear Sam,

## PA1 Difficult conversations with parents

Rating: 2/5

Say the hard sentence first.
<!-- guidance, not imported -->

```
## not a heading inside code
```

## Explaining new ideas clearly
**Rating:** Competent

## IN2

Good questions.
"""


def test_markdown_letter() -> None:
    pf = parse("letter.md", LETTER)
    assert pf.format == "markdown" and not pf.errors
    a, b, c = pf.items
    assert values(a)["skill"].code == "PA1" and values(a)["rating"] == "2/5"
    assert values(a)["comment"] == (
        "Say the hard sentence first.\n\n\n```\n## not a heading inside code\n```"
    )
    assert values(a)["mentor"] == "Ms Okafor" and a.line == 8
    assert values(b)["rating"] == "Competent" and "comment" not in values(b)
    assert values(c)["comment"] == "Good questions." and "rating" not in values(c)
    assert [w.line for w in pf.warnings] == [6]  # "Dear Sam," belongs to no skill
    assert a.raw["letter_intro"] == "Dear Sam,"


def test_markdown_without_front_matter_or_unclosed() -> None:
    assert "front matter" in parse("a.md", "## CL1\nRating: 3\n").errors[0].message
    assert "never closed" in parse("a.md", "---\nmentor: x\n").errors[0].message


# --- damaged and wrong files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("f.csv", b"", "empty"),
        ("f.csv", b"\x00\x01\x02\x03binary\x00\xff" * 20, "binary"),
        ("f.csv", "date,mentor\n2026,Zoë".encode()[:-1], "truncated"),
        ("f.csv", "date,mentor,skill\n2026,Zoë,CL1\n".encode("latin-1"), "not UTF-8"),
        ("f.csv", b'date,mentor,skill,rating\n2026-11-03,x,CL1,"3', "never closed"),
        ("f.json", b'{"items": [{"skill": "CL1"', "ends too early"),
        ("f.json", b"date,mentor\n", "not JSON"),
        ("f.xlsx", b"date,mentor\n", "not an Excel workbook"),
        ("f.xlsx", b"PK\x03\x04" + b"\x00" * 40, "damaged"),
        ("f.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old binary Excel"),
        ("f.csv", codecs.BOM_UTF16_LE + "date".encode("utf-16-le") + b"\x00", "truncated"),
    ],
)
def test_damaged_files_are_reported_never_raised(name: str, data: bytes, expected: str) -> None:
    pf = parse(name, data)
    assert pf.errors and expected in pf.errors[0].message
    assert not pf.items


def test_invalid_utf8_names_the_line() -> None:
    pf = parse("f.csv", b"date,mentor,skill\n2026-11-03,Ms O,CL1\n2026-11-03,Zo\xeb,CL1\n")
    assert pf.errors[0].line == 3


def test_a_zip_that_is_not_a_workbook() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "not an Excel workbook" in parse("f.xlsx", out.getvalue()).errors[0].message


# --- dates and levels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", dt.date(2026, 11, 3)),
        ("2026-11-03T23:30:00Z", dt.date(2026, 11, 3)),
        ("2026-11-03 16:15:12.5+01:00", dt.date(2026, 11, 3)),
        ("2026/11/03 4:15:12 PM GMT", dt.date(2026, 11, 3)),
        ("2026/11/3 16:15", dt.date(2026, 11, 3)),
        ("2026.11.03", dt.date(2026, 11, 3)),
        (dt.datetime(2026, 11, 3, 9), dt.date(2026, 11, 3)),
    ],
)
def test_dates_read_without_guessing(text: object, expected: dt.date) -> None:
    assert parse_feedback_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/11/2026", "ambiguous: it could be 3 November 2026 or 11 March 2026"),
        ("25/11/2026", "not year-first"),
        ("2026-02-30", "not a real date"),
        ("2026/11/03 13:15 PM", "impossible time"),
        ("next Tuesday", "not a date"),
        ("", "empty"),
        (45231, "a number"),
    ],
)
def test_dates_that_are_errors(text: object, expected: str) -> None:
    with pytest.raises(DateProblem, match=expected):
        parse_feedback_date(text)


def test_date_format_option_reads_day_first() -> None:
    assert parse_feedback_date("03/11/2026", "%d/%m/%Y") == dt.date(2026, 11, 3)
    assert parse_feedback_date("03/11/2026 16:15:12", "%d/%m/%Y") == dt.date(2026, 11, 3)
    assert parse_feedback_date("2026-11-03", "%d/%m/%Y") == dt.date(2026, 11, 3)


def test_date_orders_by_name_read_any_separator_and_year_first_still() -> None:
    # The window's "Dates look like" choice and --date-format day-first / month-first.
    assert parse_feedback_date("03/11/2026", "day-first") == dt.date(2026, 11, 3)
    assert parse_feedback_date("3.11.26 16:15", "day-first") == dt.date(2026, 11, 3)
    assert parse_feedback_date("03-11-2026", "month-first") == dt.date(2026, 3, 11)
    assert parse_feedback_date("2026-11-03", "month-first") == dt.date(2026, 11, 3)
    with pytest.raises(DateProblem, match="not a real date with the month first order"):
        parse_feedback_date("25/11/2026", "month-first")
    with pytest.raises(DateProblem) as ambiguous:
        parse_feedback_date("03/11/2026")
    assert "%" not in str(ambiguous.value) and "--" not in str(ambiguous.value)
    assert "say whether the day or the month comes first" in str(ambiguous.value)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (3, 3),
        (4.0, 4),
        ("2", 2),
        (" 5 ", 5),
        ("3/5", 3),
        ("competent", 3),
        ("4 - Proficient", 4),
        ("Expert (5)", 5),
        ("", None),
        ("N/A", None),
        (None, None),
        ("2.0", 2),
    ],
)
def test_levels(value: object, level: int | None) -> None:
    assert small_index().parse_level(value) == level


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (9, "9 is outside the scale 1–5"),
        ("3.5", "not a whole level"),
        ("4/10", "out of 10"),
        ("good", "not a rating"),
        ("2 - Expert", "disagree"),
        (True, "not a rating"),
        (float("nan"), "not a rating"),
    ],
)
def test_bad_levels(value: object, message: str) -> None:
    with pytest.raises(LevelProblem, match=message):
        small_index().parse_level(value)


def test_header_parts_find_skills_in_form_headers() -> None:
    index = small_index()
    for header in (
        "Rate [Managing transitions]",
        "Q3. Rate.Managing transitions",
        "CL1",
        "Observation - managing TRANSITIONS",
        "Rating (CL1)",
    ):
        assert index.header_skill(header) == SkillRef(1, "CL1", "Managing transitions", 3)
