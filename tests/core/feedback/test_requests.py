"""Feedback templates: each format lists the skills, is recorded, and imports back as filled."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.requests import last_requested, write_feedback_template
from plnjournal.errors import InputError
from plnjournal.storage.models import FeedbackItem, FeedbackRequest
from tests.conftest import TODAY

OPTS = ImportOptions(today=TODAY)


def _fill_csv(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][0:5] = ["2026-11-20", "Ms Okafor", rows[1][2], "2", "Still drifting,\nsee notes."]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def _fill_md(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("date: \n", "date: 2026-11-20\n", 1)
    text = text.replace("Rating: \n", "Rating: 2/5\n\nStill drifting,\nsee notes.\n", 1)
    path.write_text(text, encoding="utf-8")


def _fill_json(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["date"] = "2026-11-20"
    data["items"][0].update(rating=2, comment="Still drifting,\nsee notes.")
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("suffix", "fill"), [(".csv", _fill_csv), (".md", _fill_md), (".json", _fill_json)]
)
def test_template_round_trip(teaching_copy, tmp_path: Path, suffix: str, fill) -> None:
    out = tmp_path / f"ask{suffix}"
    with teaching_copy.session() as s:
        result = write_feedback_template(
            s,
            out,
            skill_codes=["cl1", "Difficult conversations with parents"],
            mentor="Ms Okafor",
            today=TODAY,
        )
    assert result.skills == ["CL1", "PA1"]
    text = out.read_text(encoding="utf-8-sig")
    assert "Managing transitions" in text and "Uses a consistent signal" in text  # descriptors
    blank = import_feedback(teaching_copy, [out], OPTS)
    assert blank.imported == 0 and not blank.errors  # an unfilled template imports nothing
    fill(out)
    filled = import_feedback(teaching_copy, [out], OPTS)
    assert (filled.imported, filled.errors) == (1, [])
    with teaching_copy.session() as s:
        item = s.scalars(select(FeedbackItem)).one()
        assert (item.skill.code, item.level, item.mentor) == ("CL1", 2, "Ms Okafor")
        assert item.comment == "Still drifting,\nsee notes."
        request = s.scalars(select(FeedbackRequest)).one()
        assert (request.requested_on, request.mentor, request.file_name) == (
            TODAY,
            "Ms Okafor",
            out.name,
        )
        assert len(request.skills) == 2
        assert set(last_requested(s).values()) == {TODAY}


def test_default_is_every_active_skill_and_existing_files_are_kept(
    teaching_copy, tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    with teaching_copy.session() as s:
        assert len(write_feedback_template(s, out).skills) == 27
    with teaching_copy.session() as s, pytest.raises(InputError, match="already exists"):
        write_feedback_template(s, out)
    with teaching_copy.session() as s, pytest.raises(InputError, match="did you mean CL1"):
        write_feedback_template(s, tmp_path / "x.csv", skill_codes=["CL1x"])
    with teaching_copy.session() as s, pytest.raises(InputError, match=r"\.csv, \.md or \.json"):
        write_feedback_template(s, tmp_path / "x.docx")
    with teaching_copy.session() as s:
        assert len(s.scalars(select(FeedbackRequest)).all()) == 1
