"""Markdown folders (Obsidian, Logseq) and the safe front-matter subset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plnjournal.core.journal_io.formats import detect_format, read_journal
from plnjournal.core.journal_io.markdown_files import format_front_matter, split_front_matter
from plnjournal.errors import ValidationError

MD = Path(__file__).parents[2] / "fixtures" / "markdown"


def _front(text: str) -> dict:
    problems: list = []
    fm = split_front_matter(text, "f.md", problems)
    assert problems == []
    return fm.values


def test_front_matter_subset_reads_what_obsidian_writes() -> None:
    values = _front(
        "---\n"
        "title: Parent call: part 2  # a comment\n"
        "time: 07:45\n"
        "answer: no\n"
        'quoted: "tab\\tand \\"quotes\\""\n'
        "single: 'it''s'\n"
        "flow: [a, \"b, c\", 'd']\n"
        'tags:\n  - one\n  - "two words"\n'
        "indentless:\n- x\n- y\n"
        'skills:\n  "CL1": 3\n  PA1: null\n'
        "note: |\n  line one\n  line two\n"
        "---\nbody\n"
    )
    assert values["title"] == "Parent call: part 2"
    assert values["time"] == "07:45"  # never YAML 1.1's sexagesimal 465
    assert values["answer"] == "no"  # a string until a key needs a flag
    assert values["quoted"] == 'tab\tand "quotes"'
    assert values["single"] == "it's"
    assert values["flow"] == ["a", "b, c", "d"]
    assert values["tags"] == ["one", "two words"]
    assert values["indentless"] == ["x", "y"]
    assert values["skills"] == {"CL1": "3", "PA1": "null"}
    assert values["note"] == "line one\nline two"


def test_written_front_matter_reads_back_the_same() -> None:
    text = format_front_matter(
        [
            ("title", 'He said "no": then left\\'),
            ("date", dt.date(2026, 11, 28)),
            ("private", True),
            ("skills", {"CL1": 3, "PA 1": None}),
            ("tags", ["a b", "ü"]),
        ]
    )
    values = _front(text + "\nbody")
    assert values == {
        "title": 'He said "no": then left\\',
        "date": "2026-11-28",
        "private": "true",
        "skills": {"CL1": "3", "PA 1": "null"},
        "tags": ["a b", "ü"],
    }


def test_obsidian_vault() -> None:
    parsed = read_journal(MD / "obsidian")
    by_date = {r.entry_date: r for r in parsed.records}
    assert sorted(by_date) == [dt.date(2026, 11, 20), dt.date(2026, 11, 27), dt.date(2026, 11, 28)]
    daily = by_date[dt.date(2026, 11, 28)]
    assert daily.title == "Saturday reflection"  # the leading heading
    assert daily.body.startswith("Phoned Grace's dad")
    # Front-matter tags and #tags in the text, but not in code or link anchors.
    assert daily.tags == ["daily", "PA1", "parents", "Classroom-management"]
    plain = by_date[dt.date(2026, 11, 27)]
    assert (plain.title, plain.tags) == ("", ["workload"])
    assert plain.body == "Plain daily note with no front matter and no heading. #workload"
    debrief = by_date[dt.date(2026, 11, 20)]
    assert debrief.title == 'Observation debrief: what "pace" means'
    assert (debrief.entry_time, debrief.private) == (dt.time(15, 40), True)
    assert debrief.tags == ["IN4", "observation"]
    # A note with no date is reported and skipped; .obsidian/ is never read.
    assert [str(w) for w in parsed.warnings] == [
        f"{MD / 'obsidian' / 'Notes' / 'Reading list.md'}: no date in its name or front "
        "matter; skipped"
    ]


def test_logseq_graph() -> None:
    assert detect_format(MD / "logseq") == "markdown"
    parsed = read_journal(MD / "logseq")
    (record,) = parsed.records  # logseq/bak copies are not entries
    assert record.entry_date == dt.date(2026, 11, 26)
    assert record.tags == ["Giving feedback to students"]
    assert len(parsed.warnings) == 1 and "contents.md" in str(parsed.warnings[0])


def test_a_bad_front_matter_date_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("---\ntitle: x\ndate: 2026-13-01\n---\nbody\n")
    with pytest.raises(ValidationError) as err:
        read_journal(tmp_path)
    assert str(err.value.problems[0]) == (
        f"{tmp_path / 'note.md'}:3: date: '2026-13-01' is not a date (YYYY-MM-DD)"
    )


def test_unclosed_front_matter_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "2026-11-28.md").write_text("---\ntitle: x\nbody without end\n")
    with pytest.raises(ValidationError, match="never ends"):
        read_journal(tmp_path)


def test_a_folder_of_undated_notes_imports_nothing_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "ideas.md").write_text("# Ideas\n")
    parsed = read_journal(tmp_path)
    assert parsed.records == [] and "no date" in str(parsed.warnings[0])
