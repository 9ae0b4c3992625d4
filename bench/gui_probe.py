"""Keystroke latency in the journaling window, in a process of its own (offscreen Qt).

    python bench/gui_probe.py JOURNAL.sqlite3 --runs 3 --keys 80

Opens the window on a copy of a journal, writes a 2,000-word reflection, shows the preview
beside the text, puts the cursor in the middle, and types at about 100 words a minute. For
each keystroke it times:

- echo: the key press handled and the editor repainted (what the fingers feel);
- preview: the key press until the preview shows the new text, painted.

The preview's deliberate pause (it waits for typing to stop for a moment) is set to zero here,
so the figure is the work done, not the wait. Autosave runs as in the app, on the same thread,
so its pauses show up in the slowest keystrokes. Prints one JSON object: per run, the 95th
percentile and the median of each, in seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from measure import percentile  # noqa: E402

PAUSE_MS = 60  # between keystrokes: about 100 words a minute
TEXT = "the class settled quickly today and "


def long_body(words: int) -> str:
    from generate import WORDS

    rng = random.Random(3)
    paragraphs = []
    n = 0
    while n < words:
        k = min(words - n, rng.randint(60, 140))
        paragraphs.append(" ".join(rng.choice(WORDS[:400]) for _ in range(k)).capitalize() + ".")
        n += k
    return "## What happened\n\n" + "\n\n".join(paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("journal", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keys", type=int, default=80)
    ap.add_argument("--words", type=int, default=2000)
    args = ap.parse_args()

    import plnjournal.gui.journal.editor as editor_module

    editor_module.PREVIEW_DELAY_MS = 0  # measure the work, not the deliberate pause
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from plnjournal.core.journal.entries import add_entry
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.storage.db import open_database

    app = QApplication([sys.argv[0]])
    db = open_database(args.journal)
    today = dt.date.today()
    with db.session() as s:
        entry_id = add_entry(
            s, entry_date=today, title="A long reflection", body=long_body(args.words)
        ).id
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    journal = window.journal
    journal.open_entry(entry_id, today)
    editor = journal.editor
    editor.set_preview(True, True)
    body = editor.body
    body.setFocus()
    body.move_cursor_to(len(body.toPlainText()) // 2)
    QTest.qWaitForWindowExposed(window)

    changed = [False]
    editor.preview.document().contentsChanged.connect(lambda: changed.__setitem__(0, True))

    def keystroke(ch: str) -> tuple[float, float, float, float]:
        """(echo wall, echo CPU, preview wall, preview CPU) in seconds; CPU time is the GUI
        thread's own, which a loaded machine stretches less than wall time."""
        changed[0] = False
        c0, t0 = time.thread_time(), time.perf_counter()
        QTest.keyClick(body, ch if ch != " " else Qt.Key.Key_Space)
        body.viewport().repaint()
        echo, echo_cpu = time.perf_counter() - t0, time.thread_time() - c0
        deadline = t0 + 5
        while not changed[0] and time.perf_counter() < deadline:
            app.processEvents()
        editor.preview.viewport().repaint()
        return echo, echo_cpu, time.perf_counter() - t0, time.thread_time() - c0

    for ch in TEXT[:10]:  # warm-up
        keystroke(ch)
        QTest.qWait(PAUSE_MS)
    runs = []
    for _ in range(args.runs):
        times: list[tuple[float, float, float, float]] = []
        for i in range(args.keys):
            times.append(keystroke(TEXT[i % len(TEXT)]))
            QTest.qWait(PAUSE_MS)
        echo, echo_cpu, preview, preview_cpu = (list(col) for col in zip(*times, strict=True))
        runs.append(
            {
                "echo_p95": percentile(echo, 95),
                "echo_cpu_p95": percentile(echo_cpu, 95),
                "echo_median": statistics.median(echo),
                "preview_p95": percentile(preview, 95),
                "preview_cpu_p95": percentile(preview_cpu, 95),
                "preview_median": statistics.median(preview),
                "preview_max": max(preview),
            }
        )
    words = len(body.toPlainText().split())
    window.close()
    db.close()
    print(json.dumps({"words": words, "runs": runs}))


if __name__ == "__main__":
    main()
