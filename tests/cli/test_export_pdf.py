"""``plnjournal export-pdf`` from the demo journal, read back with pypdf like a recipient would."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from plnjournal.core.journal.entries import add_entry, update_entry
from plnjournal.core.skills.lookup import find_skill
from plnjournal.storage.db import Database
from tests.cli.conftest import Cli

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

SECRET = "Quokka-private-4471"


def _text(pdf: Path) -> str:
    """All the text of the PDF, whitespace normalised (pypdf separates words with tabs)."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


@pytest.fixture
def journal(demo_db: Database) -> Path:
    """The demo journal with a private reflection and two highlights in the default period."""
    import datetime as dt

    with demo_db.session() as s:
        cl1 = find_skill(s, "CL1")
        private = add_entry(
            s,
            entry_date=dt.date(2026, 11, 20),
            title="Private thoughts",
            body=f"{SECRET}: Ms Okafor does not know this yet.",
            private=True,
            skills={cl1.id: None},
        )
        update_entry(s, private.id, highlight=True)
        shared = add_entry(
            s,
            entry_date=dt.date(2026, 11, 21),
            title="After talking to Ms Okafor",
            body="Mr Brennan suggested **cold calling** with wait time.",
            skills={cl1.id: 3},
        )
        update_entry(s, shared.id, highlight=True)
    return demo_db.path


def test_report_text_is_real_and_complete(
    cli: Cli, journal: Path, tmp_path: Path, qapp: QApplication
) -> None:
    out = tmp_path / "report.pdf"
    result = cli("export-pdf", str(out), db=journal)
    assert result.code == 0, result.err
    assert "29 Aug 2026 – 28 Nov 2026" in result.out
    text = _text(out)
    for expected in (
        "29 Aug 2026 – 28 Nov 2026",  # the period
        "Early-career teaching practice",
        "Managing transitions",
        "Difficult conversations with parents",  # the skill the demo avoids
        "What was avoided, and why",
        "Never reflected on in",  # the model's own reason for it
        # The charts, drawn as vectors: their labels are text in the PDF.
        "What you keep avoiding",
        "You, your mentors and your targets",
        "Reflections per skill per week",
        "Ratings over time",
        "Journaling days",
        "After talking to Ms Okafor",  # a highlighted reflection
        "Page 2 of",
    ):
        assert expected in text, expected
    assert SECRET not in text and "Private thoughts" not in text
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.startswith("Progress report")
    # The heat map's and calendar's cells are the only images: everything else is vector.
    images = [img for page in reader.pages for img in page.images]
    assert 1 <= len(images) <= 3
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    if shutil.which("pdftoppm"):  # poppler draws every page (CI installs it)
        subprocess.run(
            ["pdftoppm", "-r", "20", "-png", str(out), str(tmp_path / "page")],
            check=True,
            capture_output=True,
        )
        assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages) >= 4


def test_private_reflection_only_with_include_private(
    cli: Cli, journal: Path, tmp_path: Path, qapp: QApplication
) -> None:
    out = tmp_path / "private.pdf"
    assert cli("export-pdf", str(out), "--include-private", db=journal).code == 0
    text = _text(out)
    assert SECRET in text and "includes reflections marked private" in text


def test_anonymized_report_names_no_mentor(
    cli: Cli, journal: Path, tmp_path: Path, qapp: QApplication
) -> None:
    out = tmp_path / "anon.pdf"
    result = cli("export-pdf", str(out), "--anonymize-mentors", "--paper", "letter", db=journal)
    assert result.code == 0, result.err
    text = _text(out)
    assert "Okafor" not in text and "Brennan" not in text
    assert "Mentor A" in text and "Mentor B" in text
    data = json.loads(PdfReader(out).attachments["progress-report.json"][0])
    assert "Okafor" not in json.dumps(data) and "Brennan" not in json.dumps(data)
    page = PdfReader(out).pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (612, 792)  # Letter


def test_json_attachment_carries_the_report_data(
    cli: Cli, journal: Path, tmp_path: Path, qapp: QApplication
) -> None:
    out = tmp_path / "data.pdf"
    out.write_bytes(b"an older file")  # replaced whole (--force), through a temporary file
    cli("export-pdf", str(out), "--from", "2026-06-01", "--to", "2026-11-28", "--force", db=journal)
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob(".*.part"))
    data = json.loads(PdfReader(out).attachments["progress-report.json"][0])
    assert data["format"] == "plnjournal-progress-report" and data["version"] == 1
    assert data["period"] == {"from": "2026-06-01", "to": "2026-11-28"}
    codes = {s["code"] for s in data["skills"]}
    assert {"CL1", "PA1"} <= codes
    assert all(r["date"] >= "2026-06-01" for r in data["ratings"])
    assert {r["source"] for r in data["ratings"]} == {"self", "mentor"}
    scores = data["avoidance"]["scores"]
    assert scores[0]["code"] == data["avoidance"]["avoided"][0] == "PA1"
    assert scores[0]["reasons"] and set(scores[0]["signals"]) >= {"overdue", "unanswered"}


def test_bad_arguments_are_one_line_errors(cli: Cli, journal: Path, tmp_path: Path) -> None:
    cases = [
        (["export-pdf", str(tmp_path / "r.txt")], "ending in .pdf"),
        (["export-pdf", str(tmp_path / "no" / "r.pdf")], "no such folder"),
        (["export-pdf", str(tmp_path / "r.pdf"), "--from", "03/11/2026"], "--from"),
        (
            ["export-pdf", str(tmp_path / "r.pdf"), "--from", "2026-11-01", "--to", "2026-10-01"],
            "before the start",
        ),
    ]
    for argv, message in cases:
        result = cli(*argv, db=journal)
        assert result.code == 2 and message in result.err, (argv, result.err)
        assert result.err.count("\n") == 1
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize(("start", "end"), [(1, 10), (1500, 1530)])
def test_a_period_after_today_is_refused_plainly(cli, demo_db, tmp_path, start, end) -> None:
    """A period that starts after today has nothing to report: one clear line, exit 2, no
    file, instead of a crash in the charts (issue 20, finding 5)."""
    today = dt.date.today()
    out = tmp_path / "r.pdf"
    r = cli(
        "export-pdf",
        str(out),
        "--from",
        (today + dt.timedelta(days=start)).isoformat(),
        "--to",
        (today + dt.timedelta(days=end)).isoformat(),
        db=demo_db.path,
    )
    assert r.code == 2, r.err
    assert "after today" in r.err and "unexpected" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert not out.exists()
