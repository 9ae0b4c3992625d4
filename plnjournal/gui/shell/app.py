"""Starting the GUI: QApplication, the journal, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def run_gui(
    db_path: Path,
    argv: list[str] | None = None,
    *,
    smoke_test: bool = False,
    screenshot: Path | None = None,
) -> int:
    """Open the window on the journal at ``db_path``; with ``smoke_test``, quit once it shows
    (no first-start dialog: a smoke test never waits for a person), saving ``screenshot``."""
    from plnjournal.storage.sqlite_file import QuickCheck

    # The whole-file check runs while Qt loads; its verdict is asked before the journal opens.
    check = QuickCheck.start(db_path)
    loaded_before_pyside = set(sys.modules)
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui.shell.pyside_scan import spare_source_scans

    spare_source_scans(loaded_before_pyside)  # ~20 ms less; see gui/shell/pyside_scan.py

    from plnjournal.gui.shell.app_guard import AppGuard
    from plnjournal.gui.shell.app_identity import (
        apply_identity,
        apply_window_icon,
        schedule_smoke_report,
    )
    from plnjournal.gui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("PLN Journal")
    app.setOrganizationName("plnjournal")
    apply_identity(app)
    from plnjournal.gui.theme import follow_system_scheme

    follow_system_scheme(app)
    # One window per journal, a checked open (daily backup; a damaged journal offers its
    # newest sound backup), and the crash dialog: see gui/shell/app_guard.py.
    guard = AppGuard(db_path)
    if guard.already_running():
        return 1 if smoke_test else 0  # a smoke test must show a window of its own

    def before_dialog() -> None:  # shown before the window: later launches raise it; an icon
        guard.answer_launches()
        apply_window_icon(app)

    db = guard.open_journal(quick_check=check, before_asking=before_dialog)
    if db is None:
        return 1
    try:
        from plnjournal.core.journal.days import needs_first_start

        if not smoke_test and needs_first_start(db):  # ask how to begin; closing it opens it
            from plnjournal.gui.shell.first_start import FirstStartDialog  # loaded only when asked
            from plnjournal.logs import setup_logging

            before_dialog()
            setup_logging()  # the dialog may stay open a long time: log to the file meanwhile
            FirstStartDialog(db).exec()
        window = MainWindow(db)
        window.first_painted.connect(lambda: apply_window_icon(app))
        guard.protect(window)
        if os.environ.get("PLNJOURNAL_BENCH_READY"):  # bench/run.py: report when ready, quit
            from plnjournal.gui.shell.bench_ready import quit_when_ready

            quit_when_ready(window)
        window.show()
        if smoke_test:
            schedule_smoke_report(app, window, screenshot)
        return app.exec()
    finally:
        guard.close()  # waits for background work before the journal closes
        db.close()
