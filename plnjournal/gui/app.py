"""Starting the GUI: QApplication, the journal, the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db_path: Path, argv: list[str] | None = None, *, smoke_test: bool = False) -> int:
    """Open the window on the journal at ``db_path``; with ``smoke_test``, quit once it shows
    (no first-start dialog: a smoke test never waits for a person)."""
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui.app_identity import apply_identity, schedule_smoke_report
    from plnjournal.gui.main_window import MainWindow
    from plnjournal.storage.db import open_database

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("PLN Journal")
    app.setOrganizationName("plnjournal")
    apply_identity(app)
    from plnjournal.gui.theme import follow_system_scheme

    follow_system_scheme(app)
    db = open_database(db_path)
    try:
        from plnjournal.gui.first_start import run_first_start_if_needed

        if not smoke_test:
            run_first_start_if_needed(db)
        window = MainWindow(db)
        window.show()
        if smoke_test:
            schedule_smoke_report(app, window)
        return app.exec()
    finally:
        db.close()


def run_gui_entry() -> int:
    """gui-scripts entry point (no console window on Windows)."""
    from plnjournal.cli import main

    return main(sys.argv[1:] or ["gui"])
