"""Grab the journaling window on the demo journal for the README (offscreen, no real settings).

python docs/screenshots/take.py [WIDTHxHEIGHT] [--dark]   # writes docs/screenshots/journal-window.png
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HOME = Path(tempfile.mkdtemp(prefix="plnshot-"))
os.environ["PLNJOURNAL_HOME"] = str(HOME)  # a fresh window: default layout, no real settings
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TODAY = dt.date(2026, 11, 28)


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from plnjournal.core.demo import build_demo
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.gui.tasks import wait_for_background_work
    from plnjournal.gui.theme import apply_color_scheme
    from plnjournal.storage.db import open_database

    size = next((a for a in sys.argv[1:] if "x" in a), "1400x860")
    dark = "--dark" in sys.argv
    db = open_database(HOME / "demo.sqlite3")
    with db.session() as s:
        build_demo(s, years=1, seed=7, today=TODAY)
    app = QApplication([])
    if dark:
        apply_color_scheme(app, Qt.ColorScheme.Dark)
    window = MainWindow(db, today=lambda: TODAY)
    window.resize(*map(int, size.split("x")))
    window.show()
    window.load_now()  # the panels that load after the first paint
    journal = window.journal
    journal.entries.view.setCurrentIndex(journal.entries.model.index(0))  # a Gibbs reflection
    journal.editor.set_preview(True, True)
    journal.skills.select_skill(next(iter(journal.skills.links())))
    wait_for_background_work()
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        app.processEvents()
    out = Path(__file__).with_name("journal-window-dark.png" if dark else "journal-window.png")
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()
    db.close()


if __name__ == "__main__":
    main()
