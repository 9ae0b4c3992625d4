"""The example files the docs point to really import into the demo journal's framework."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from tests.conftest import TODAY

EXAMPLES = sorted(
    p.name
    for p in resources.files("plnjournal.resources").joinpath("examples").iterdir()
    if p.name.startswith("feedback")
)
EXPECTED = {
    "feedback-excel-unicode-text.txt": ("csv-long", 2),
    "feedback-google-forms.csv": ("csv-wide", 5),
    "feedback-letter.md": ("markdown", 3),
    "feedback-long.csv": ("csv-long", 4),
    "feedback-microsoft-forms.xlsx": ("xlsx-wide", 5),
    "feedback-xapi.json": ("xapi", 2),
    "feedback.json": ("json", 3),
}


def _path(name: str) -> Path:
    with resources.as_file(resources.files("plnjournal.resources").joinpath("examples", name)) as p:
        return Path(p)


def test_every_format_has_an_example_and_the_docs_show_each() -> None:
    assert sorted(EXPECTED) == EXAMPLES
    docs = (Path(__file__).parents[3] / "docs" / "feedback-formats.md").read_text(encoding="utf-8")
    for name in EXAMPLES:
        assert f"resources/examples/{name}" in docs


def test_all_examples_import_into_the_demo_journal(demo_db) -> None:
    from sqlalchemy import select

    from plnjournal.storage.models import FeedbackImport

    result = import_feedback(demo_db, [_path(n) for n in EXAMPLES], ImportOptions(today=TODAY))
    assert result.errors == []
    assert result.imported == sum(n for _, n in EXPECTED.values())
    with demo_db.session() as s:
        formats = {i.file_name: (i.format, len(i.items)) for i in s.scalars(select(FeedbackImport))}
    for name, expected in EXPECTED.items():
        assert formats[name] == expected
    again = import_feedback(demo_db, [_path(n) for n in EXAMPLES], ImportOptions(today=TODAY))
    assert (again.imported, again.duplicates) == (0, result.imported)


@pytest.mark.parametrize("name", ["feedback-letter.md", "feedback-xapi.json"])
def test_examples_warn_only_where_the_docs_say(demo_db, name: str) -> None:
    result = import_feedback(demo_db, [_path(name)], ImportOptions(today=TODAY), dry_run=True)
    assert [w.message.split(":")[0] for w in result.warnings] == (
        ["the text before the first '## Skill' section belongs to no skill"]
        if name.endswith(".md")
        else []
    )
