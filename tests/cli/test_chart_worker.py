"""export-pdf draws its charts in a forked child where it can: the same PDF, sooner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from plnjournal.cli import main
from plnjournal.cli.chart_worker import WEIGHTS, can_fork, share
from plnjournal.core.report.page import PAPER_POINTS, content_width_in


@pytest.mark.parametrize("paper", sorted(PAPER_POINTS))
def test_the_workers_page_width_is_the_layouts(paper: str, qapp) -> None:
    from plnjournal.report_pdf.writer import DPI, PageGeometry

    layout = PageGeometry.for_paper(paper).content.width() / DPI
    assert content_width_in(paper) == pytest.approx(layout, abs=1e-6)


def _text(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked")
def test_the_report_is_the_same_with_and_without_the_worker(demo_db, tmp_path: Path, qapp) -> None:
    """A fresh command forks the worker (one thread, no Qt yet); this test process, which has
    Qt, draws in-process: both reports must read the same."""
    demo_db.close()
    worker_pdf, alone_pdf = tmp_path / "worker.pdf", tmp_path / "alone.pdf"
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
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert main(["--db", str(demo_db.path), "export-pdf", str(alone_pdf)]) == 0
    with_worker = _text(worker_pdf)
    assert with_worker == _text(alone_pdf)
    assert "What you keep avoiding" in with_worker  # the charts' own text is in the PDF


def test_the_charts_are_shared_out_whole_and_evenly() -> None:
    keys = ["calendar", "avoidance", "blindspots", "heatmap", "trends-1", "trends-2", "trends-3"]
    mine, theirs = share(keys)
    assert sorted(mine + theirs) == sorted(keys)
    load = [sum(WEIGHTS.get(k, 1.0) for k in part) for part in (mine, theirs)]
    assert abs(load[0] - load[1]) <= max(WEIGHTS.values())
    assert share(["calendar"]) == (["calendar"], [])


@pytest.fixture(scope="module")
def year_charts(demo_template):
    import datetime as dt

    from plnjournal.core.report.content import ReportOptions, build_report
    from plnjournal.storage.db import open_database
    from tests.conftest import TODAY

    db = open_database(demo_template)
    try:
        with db.session() as s:
            start = TODAY - dt.timedelta(days=364)
            options = ReportOptions(start=start, end=TODAY, generated_on=TODAY)
            return build_report(s, options).charts
    finally:
        db.close()


SHARED = """
import os, pickle, sys
from plnjournal.cli.chart_worker import draw_shared
data, width = pickle.load(open(sys.argv[1], "rb"))
forks, real_fork = [], os.fork
def fork():
    if sys.argv[3] == "no-fork":
        raise OSError("no process to spare")
    pid = real_fork()
    forks.append(pid)
    return pid
os.fork = fork
pickle.dump(draw_shared(data, width), open(sys.argv[2], "wb"))  # the helper never returns
print(len(forks))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper is forked")
@pytest.mark.parametrize("mode", ["fork", "no-fork"])
def test_charts_drawn_by_two_processes_are_those_drawn_by_one(
    year_charts,
    tmp_path: Path,
    mode: str,
) -> None:
    """In a fresh process (one thread, no Qt: as in the chart worker) a forked helper draws
    half the charts; without one, the process draws them all. Same charts either way."""
    import pickle

    from plnjournal.core.report.charts import chart_images

    width = content_width_in("a4")
    given, back = tmp_path / "data.pickle", tmp_path / "drawn.pickle"
    given.write_bytes(pickle.dumps((year_charts, width)))
    done = subprocess.run(
        [sys.executable, "-c", SHARED, str(given), str(back), mode],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("1" if mode == "fork" else "0")  # a helper, or none
    shared = pickle.loads(back.read_bytes())
    alone = {c.key: c.svg for c in chart_images(year_charts, width)}
    assert list(shared) == list(alone)  # the report's order
    assert shared == alone  # byte for byte: no date or random id in them


WORKER = """
import pickle, sys
from plnjournal.cli.chart_worker import ChartWorker
data = pickle.load(open(sys.argv[1], "rb")) if sys.argv[1] != "broken" else "not chart data"
worker = ChartWorker()
print("started" if worker.started else "not started")
worker.ask(data, "a4")
pickle.dump(worker.drawn(), open(sys.argv[2], "wb"))
print("started" if worker.started else "ended")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked")
def test_the_worker_draws_the_charts_the_command_would_draw(year_charts, tmp_path: Path) -> None:
    """In a fresh process (one thread, no Qt), the worker's child draws every chart of the
    report, byte for byte those drawn in one process, and says which fonts it used."""
    import pickle

    from plnjournal.core.report.charts import chart_fonts, chart_images

    given, back = tmp_path / "data.pickle", tmp_path / "drawn.pickle"
    given.write_bytes(pickle.dumps(year_charts))
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(given), str(back)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["started", "ended"]  # the child is gone once it answered
    svgs, fonts = pickle.loads(back.read_bytes())
    alone = {c.key: c.svg for c in chart_images(year_charts, content_width_in("a4"))}
    assert svgs == alone
    assert fonts == chart_fonts()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked")
def test_a_child_that_fails_leaves_the_drawing_to_the_parent(tmp_path: Path) -> None:
    import pickle

    back = tmp_path / "drawn.pickle"
    done = subprocess.run(
        [sys.executable, "-c", WORKER, "broken", str(back)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["started", "ended"]
    assert pickle.loads(back.read_bytes()) is None  # so export-pdf draws the charts itself


def test_no_child_is_forked_once_qt_is_loaded(qapp) -> None:
    """Forking a process with Qt's threads can deadlock the child: the command forks before
    it loads the PDF writer, and this process (which has Qt) draws in-process."""
    from plnjournal.cli.chart_worker import ChartWorker

    assert not can_fork()
    worker = ChartWorker()
    assert not worker.started
    worker.ask(None, "a4")  # type: ignore[arg-type]
    assert worker.drawn() is None
