"""The PDF sent to a mentor speaks the user's words: no file paths of the docs, no telling a
reader of paper to hover over a bar (issue 21, item 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.core.report.content import ReportOptions, build_report
from plnjournal.report_pdf import writer
from tests.conftest import TODAY

pytestmark = pytest.mark.gui

PROGRAM_WORDS = ("docs/", ".md", "hover", "fair share", " 0 days ago")


def test_the_report_has_no_program_language(demo_db, tmp_path: Path, qapp) -> None:
    with demo_db.session() as s:
        report = build_report(s, ReportOptions(start=TODAY - dt.timedelta(days=90), end=TODAY))
    out = tmp_path / "report.pdf"
    writer.write_report_pdf(report, out)
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(out).pages).split())
    assert "What you keep avoiding" in text  # the avoidance chart is there, as text
    assert [w for w in PROGRAM_WORDS if w in text.casefold()] == []
