"""export-pdf draws its charts in a forked child where it can: the same PDF, sooner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.cli import main
from plnjournal.cli.chart_worker import DISABLE_ENV, PAPER_WIDTH_PT, content_width_in


@pytest.mark.parametrize("paper", sorted(PAPER_WIDTH_PT))
def test_the_workers_page_width_is_the_layouts(paper: str, qapp) -> None:  # noqa: ANN001
    from plnjournal.gui.pdf_report import DPI, PageGeometry

    layout = PageGeometry.for_paper(paper).content.width() / DPI
    assert content_width_in(paper) == pytest.approx(layout, abs=1e-6)


def _text(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked")
def test_the_report_is_the_same_with_and_without_the_worker(demo_db, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    """A fresh command forks the worker (one thread, no Qt yet); this test process, which has
    Qt, draws in-process: both reports must read the same."""
    demo_db.close()
    worker_pdf, alone_pdf = tmp_path / "worker.pdf", tmp_path / "alone.pdf"
    environ = {k: v for k, v in os.environ.items() if k != DISABLE_ENV}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plnjournal",
            "--db",
            str(demo_db.path),
            "export-pdf",
            str(worker_pdf),
        ],
        env={**environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert main(["--db", str(demo_db.path), "export-pdf", str(alone_pdf)]) == 0
    with_worker = _text(worker_pdf)
    assert with_worker == _text(alone_pdf)
    assert "What you keep avoiding" in with_worker  # the charts' own text is in the PDF
