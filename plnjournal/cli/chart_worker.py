"""``export-pdf``'s charts, drawn by a second process while this one does the rest.

Most of a report's time is imports (SQLAlchemy, matplotlib, Qt) and drawing the charts, all of
it single-threaded Python. On Linux with two cores or more, a child forked before the command
opens the journal imports matplotlib while the parent gathers the report; it then draws the
charts from the report's own chart data (the parent's: same privacy, same names), half of them
in a helper it forks, while the parent starts Qt and lays out the text. The PDF is the same
either way: if the child cannot start, fails or is not available, the parent draws the charts
itself. What it saves (≥ 30 % of the one-year PDF on two cores, the bar issue 16 set for
keeping it): docs/performance.md, "The chart worker, re-measured".

The child never opens the journal: it only turns chart data into SVG. Forking is safe only in
a process with one thread and no Qt: ``export-pdf`` forks before it loads the PDF writer.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from plnjournal.core.report.charts import chart_fonts, chart_makers, figure_svg, warm_up
from plnjournal.core.report.page import PAPER_POINTS, content_width_in

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from plnjournal.core.report.chart_data import ChartData

WAIT_S = 300.0  # far beyond any report; a stuck child must not hang the command

# Drawing time of each chart relative to one "ratings over time" figure (measured on a year of
# 40 skills): the rows of the ranking, blind spots and heat map cost most.
WEIGHTS = {"calendar": 0.8, "avoidance": 2.2, "blindspots": 2.2, "heatmap": 2.2}


def can_fork() -> bool:
    """Whether a child may be forked here, and is worth it: Linux (fork is its default and
    cheap; elsewhere drawing in one process is as fast), two cores or more, and a process of
    one thread without Qt (forking threads can deadlock the child)."""
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) >= 2
        and threading.active_count() == 1
        and "PySide6.QtCore" not in sys.modules
    )


class ChartWorker:
    """A forked child that draws one report's charts; ``drawn()`` gives them (or None)."""

    def __init__(self) -> None:
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._asked = False
        if not can_fork():
            return
        try:
            ctx = multiprocessing.get_context("fork")
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(child, parent), daemon=True)
            proc.start()
        except (OSError, ValueError):
            return  # no process to spare: the parent draws them
        child.close()
        self._proc, self._conn = proc, parent

    @property
    def started(self) -> bool:
        """Whether a child is there to draw (not on this platform, nor once Qt is loaded)."""
        return self._proc is not None

    def ask(self, data: ChartData, paper: str) -> None:
        """Send the report's chart data (``Report.charts``) to be drawn for ``paper``."""
        if self._conn is None or paper not in PAPER_POINTS:
            return
        try:
            self._conn.send((data, content_width_in(paper)))
            self._asked = True
        except (OSError, ValueError, TypeError, AttributeError, pickle.PicklingError):
            self.close()  # e.g. unpicklable data: draw in the parent

    def drawn(self) -> tuple[dict[str, bytes], list[str]] | None:
        """The charts as SVG by key, and the font files they were laid out with; None when
        the child could not draw them (the caller then draws them itself)."""
        if not self._asked or self._conn is None:
            return None
        try:
            if not self._conn.poll(WAIT_S):
                return None
            status, svgs, fonts = self._conn.recv()
        except (OSError, EOFError, ValueError):
            return None
        finally:
            self.close()
        return (svgs, fonts) if status == "ok" else None

    def close(self) -> None:
        """End the child: it holds nothing worth waiting for (it only ever draws)."""
        conn, proc = self._conn, self._proc
        self._conn = self._proc = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join()


def _serve(conn: Connection, parents_end: Connection) -> None:
    """In the child: import while the parent gathers, then draw what it sends."""
    parents_end.close()  # forked copy: once the parent closes its own, recv() ends
    # A short-lived child that only imports and draws: the collector would walk every object
    # of matplotlib (and of the parent's copy) again and again, a fifth of its time, for
    # garbage that dies with the child anyway.
    gc.disable()
    # numpy's BLAS would start a thread it never uses here, and the child forks (draw_shared).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        if not conn.poll(0):
            warm_up()  # the parent is still gathering: import matplotlib, load its fonts
        data, width_in = conn.recv()
        conn.send(("ok", draw_shared(data, width_in, conn), chart_fonts()))
    except EOFError:
        pass  # the parent finished (or failed) without asking
    except BaseException as exc:  # reported to the parent, which draws instead
        with contextlib.suppress(OSError, ValueError):
            conn.send(("error", {}, [repr(exc)]))
    finally:
        conn.close()


def share(keys: list[str]) -> tuple[list[str], list[str]]:
    """The charts in two shares of about equal drawing time, heaviest first."""
    shares: tuple[list[str], list[str]] = ([], [])
    loads = [0.0, 0.0]
    for key in sorted(keys, key=lambda k: -WEIGHTS.get(k, 1.0)):
        lighter = 0 if loads[0] <= loads[1] else 1
        shares[lighter].append(key)
        loads[lighter] += WEIGHTS.get(key, 1.0)
    return shares


def draw_shared(data: ChartData, width_in: float, *close_in_helper: Connection) -> dict[str, bytes]:
    """The report's charts as SVG by key, in report order, drawn by this process and a forked
    helper, half each: two cores draw them in about half the time. Where the helper cannot
    start or fails, this process draws its share too; the SVGs are the same either way.
    ``close_in_helper``: connections the helper must not hold open."""
    makers = dict(chart_makers(data, width_in))
    mine, theirs = share(list(makers))
    drawn: dict[str, bytes] = {}
    helper = _fork_helper(theirs, makers, close_in_helper) if theirs and can_fork() else None
    for key in mine:
        drawn[key] = figure_svg(makers[key]())
    if helper is not None:
        drawn.update(_collect(*helper))
    for key in makers:  # the helper's share, when it could not draw it
        if key not in drawn:
            drawn[key] = figure_svg(makers[key]())
    return {key: drawn[key] for key in makers}


def _fork_helper(
    keys: list[str], makers: dict[str, Callable[[], Figure]], close: tuple[Connection, ...]
) -> tuple[int, int] | None:
    """Fork a process that draws ``keys`` and writes them, pickled, to a pipe: (pid, fd)."""
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write_fd)
        return pid, read_fd
    code = 1  # the helper: draw, write, and end without running the parent's clean-up
    try:
        os.close(read_fd)
        for conn in close:
            conn.close()
        payload = pickle.dumps({key: figure_svg(makers[key]()) for key in keys})
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        code = 0
    finally:
        os._exit(code)


def _collect(pid: int, read_fd: int) -> dict[str, bytes]:
    """What the helper drew (nothing if it failed)."""
    with os.fdopen(read_fd, "rb") as pipe:
        payload = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return {}
    try:
        drawn = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, ValueError):
        return {}
    return drawn if isinstance(drawn, dict) else {}
