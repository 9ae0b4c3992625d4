"""A progress report of hostile Markdown finishes: nested tables from a mentor's file or a
reflection are flattened before Qt lays them out (issue 18, finding 2).

The real command runs in a child process: before the caps, 3,000 nested tables crashed it
with SIGSEGV and 25 kept it busy for many minutes (the timeout is only a guard against a hang;
the times are measured in bench/markup.py).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.core.journal.entries import add_entry
from plnjournal.storage.db import Database

pytestmark = pytest.mark.slow

HANG_GUARD_S = 240


def _tables(n: int, words: str) -> str:
    return "<table><tr><td>" * n + words + "</td></tr></table>" * n


def _plnjournal(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(db), *argv],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _text(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())


def test_a_reflection_of_3000_nested_tables_exports(teaching_db: Database, tmp_path: Path) -> None:
    with teaching_db.session() as s:
        entry = add_entry(
            s,
            entry_date=dt.date.today(),
            title="Deep",
            body=_tables(3000, "Quokka deep words"),
        )
        entry_id = entry.id
    teaching_db.close()
    out = tmp_path / "deep.pdf"
    result = _plnjournal(teaching_db.path, "export-pdf", str(out), "--entry", str(entry_id))
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "Quokka deep" in _text(out)


def test_a_mentor_comment_of_25_nested_tables_exports(
    teaching_db: Database, tmp_path: Path
) -> None:
    comment = _tables(25, "Quokka nested praise")
    csv = tmp_path / "mentor.csv"
    today = dt.date.today().isoformat()
    csv.write_text(f'date,mentor,skill,rating,comment\n{today},Ms Okafor,CL1,3,"{comment}"\n')
    assert len(csv.read_bytes()) < 1000
    teaching_db.close()
    imported = _plnjournal(teaching_db.path, "import-feedback", str(csv))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "comment.pdf"
    result = _plnjournal(teaching_db.path, "export-pdf", str(out))
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "Quokka nested praise" in _text(out)
