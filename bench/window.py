"""The journaling window on an empty journal and on a 10-year one: start-up (whole process and
in-process), day switch, autosave, keystroke and preview costs.

    python bench/window.py [--years 10] [--runs 10]

Budget: opening on 10 years feels as fast as on an empty journal (the start path reads only the
visible month, today's reflections, open commitments and the avoidance scores); a keystroke
never waits for the preview (rendered ~150 ms after typing pauses).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from search_stats import row, timed  # noqa: E402

TODAY = dt.date(2026, 11, 28)  # where bench/generate.py ends its journals

CHILD = textwrap.dedent(
    """
    import datetime as dt, sys, time
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.storage.db import open_database
    app = QApplication([])
    window = MainWindow(open_database(sys.argv[1]), today=lambda: dt.date(2026, 11, 28))
    window.show()
    app.processEvents()
    assert "matplotlib" not in sys.modules
    print(f"{(time.perf_counter() - t0) * 1000:.1f}")
    """
)


def empty_journal(folder: Path) -> Path:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    path = folder / "empty.sqlite3"
    db = open_database(path)
    with db.session() as s:
        install_framework(s, load_builtin("teaching"))
    db.close()
    return path


def ten_years(years: int) -> Path:
    path = ROOT / "bench" / "out" / f"{years}y.sqlite3"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "--size", str(years)],
            check=True,
        )
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="plnbench-"))
    os.environ["PLNJOURNAL_HOME"] = str(home)  # no real window settings touched
    from plnjournal.storage.backup import copy_database

    # A copy: the bench types into the journal, and the generated one stays as it was.
    big = copy_database(ten_years(args.years), home / "big.sqlite3")
    journals = {"empty": empty_journal(home), f"{args.years} years": big}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for name, path in journals.items():
        inner: list[float] = []

        def start(path: Path = path, inner: list[float] = inner) -> None:
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            inner.append(float(out.stdout.strip().splitlines()[-1]))

        print(row(f"process start → window shown ({name})", timed(start, args.runs)))
        print(
            f"{'':<40} (import+build+show inside the process: median {statistics.median(inner):.0f} ms)"
        )

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.storage.db import open_database

    app = QApplication([])
    for name, path in journals.items():
        in_process(app, MainWindow, QTest, name, open_database(path), args.runs)


def in_process(app, window_class, qtest, name: str, db, runs: int) -> None:
    from plnjournal.gui.tasks import wait_for_background_work

    windows = []
    shown: tuple[list[float], list[float]] = ([], [])
    nudged: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        w = window_class(db, today=lambda: TODAY)
        w.show()
        app.processEvents()
        t1, c1 = time.perf_counter(), time.process_time()
        wait_for_background_work()  # today's hard conversation, worked out off the GUI thread
        app.processEvents()
        t2, c2 = time.perf_counter(), time.process_time()
        windows.append(w)
        if len(windows) > 1:  # the first one warms up
            shown[0].append(t1 - t0)
            shown[1].append(c1 - c0)
            nudged[0].append(t2 - t1)
            nudged[1].append(c2 - c1)
    print(row(f"window built and shown ({name})", shown))
    print(row(f"+ hard conversation in the background ({name})", nudged))
    j = windows[-1].journal
    days = iter(range(1, 10_000))
    print(row(f"switch to the previous day ({name})", timed(lambda: j.step_day(-next(days)), runs)))
    j.go_today()
    j.new_entry()
    body = j.editor.body
    body.setFocus()
    text = "The starter went better today because I wrote the steps on the board. "
    j.editor.set_preview(True, True)
    wall, cpu = timed(lambda: qtest.keyClicks(body, text), runs)
    per_key = ([t / len(text) for t in wall], [t / len(text) for t in cpu])
    print(row(f"one keystroke, preview on ({name})", per_key))

    def autosave() -> None:
        body.insertPlainText("x")
        j.editor.flush()

    print(row(f"autosave of the open reflection ({name})", timed(autosave, runs)))
    body.setPlainText((text * 12 + "\n\n") * 25)  # ~3,000 words
    print(row(f"preview of ~3,000 words ({name})", timed(j.editor._refresh_preview, runs)))
    for w in windows:
        w.close()
        w.deleteLater()
    app.processEvents()
    db.close()


if __name__ == "__main__":
    main()
