"""export-pdf draws its charts in a forked child where it can: the same PDF, sooner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.cli.chart_worker import DISABLE_ENV, PAPER_WIDTH_PT, content_width_in


@pytest.mark.parametrize("paper", sorted(PAPER_WIDTH_PT))
def test_the_workers_page_width_is_the_layouts(paper: str, qapp) -> None:  # noqa: ANN001
    from plnjournal.gui.pdf_report import DPI, PageGeometry

    layout = PageGeometry.for_paper(paper).content.width() / DPI
    assert content_width_in(paper) == pytest.approx(layout, abs=1e-6)


def _export(journal: Path, out: Path, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != DISABLE_ENV}
    environ.update(env, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(journal), "export-pdf", str(out)],
        env=environ,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked")
def test_the_report_is_the_same_with_and_without_the_worker(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    demo_db.close()
    with_worker = _export(demo_db.path, tmp_path / "worker.pdf")
    alone = _export(demo_db.path, tmp_path / "alone.pdf", **{DISABLE_ENV: "1"})
    assert with_worker == alone
    assert "What you keep avoiding" in with_worker  # the charts' own text is in the PDF
