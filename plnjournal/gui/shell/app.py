"""Starting the GUI: QApplication, the journal, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from plnjournal.core.journal.days import needs_first_start
from plnjournal.errors import InputError
from plnjournal.lazy import lazy_module
from plnjournal.logs import setup_logging
from plnjournal.storage.sqlite_file import QuickCheck

# Qt and the window's modules load inside run_gui, in this order: after the journal's
# whole-file check has started (it runs on a thread while they load) and after the modules
# loaded before PySide are recorded (gui/shell/pyside_scan.py); so they are named here and
# imported when run_gui first reads them.
QtWidgets = lazy_module("PySide6.QtWidgets")
app_guard = lazy_module("plnjournal.gui.shell.app_guard")
app_identity = lazy_module("plnjournal.gui.shell.app_identity")
main_window = lazy_module("plnjournal.gui.shell.main_window")
theme = lazy_module("plnjournal.gui.theme")
pyside_scan = lazy_module("plnjournal.gui.shell.pyside_scan")
# Off every start but those that need them: the first-start dialog (SQLAlchemy through the
# settings model) and the bench's ready probe.
first_start = lazy_module("plnjournal.gui.shell.first_start")
bench_ready = lazy_module("plnjournal.gui.shell.bench_ready")
# An encrypted journal's first paint is the unlock screen; a plain journal's never loads it.
# The keys' interface is asked first whether the journal is encrypted (storage's check reads
# a file's first bytes; the cipher itself loads only to unlock).
privacy_keys = lazy_module("plnjournal.gui.privacy.keys")
unlock_screen = lazy_module("plnjournal.gui.privacy.unlock_screen")


def run_gui(
    db_path: Path,
    argv: list[str] | None = None,
    *,
    smoke_test: bool = False,
    screenshot: Path | None = None,
    confirm_new: str | None = None,
) -> int:
    """Open the window on the journal at ``db_path``; with ``smoke_test``, quit once it shows
    (no first-start dialog: a smoke test never waits for a person), saving ``screenshot``.
    ``confirm_new``: why a new journal there looks like a slip (cli/window.py); the user is
    asked before it is made, and a "no" is that message as an ``InputError``."""
    keys = privacy_keys.journal_keys()
    encrypted = keys.is_encrypted(db_path)
    if encrypted and smoke_test and not keys.is_unlocked(db_path):  # no one to type it
        raise InputError(f"{db_path}: the journal is encrypted; a smoke test needs a plain journal")
    # The whole-file check runs while Qt loads; its verdict is asked before the journal opens.
    # An encrypted file is checked once unlocked, when it opens (its pages need the key).
    check = None if encrypted else QuickCheck.start(db_path)
    loaded_before_pyside = set(sys.modules)
    QApplication = QtWidgets.QApplication  # PySide loads here
    pyside_scan.spare_source_scans(loaded_before_pyside)  # see gui/shell/pyside_scan.py
    # The window's modules load now too, while the check still runs.
    AppGuard, MainWindow = app_guard.AppGuard, main_window.MainWindow
    apply_window_icon = app_identity.apply_window_icon

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    # A new journal whose name looks like a slip is made only when the user says so.
    doubt = confirm_new if confirm_new and not db_path.exists() else ""
    if doubt:
        theme.use_app_style(app)  # the question's buttons as the window's (no stock icons)
        if not first_start.confirm_new_journal(db_path, doubt):
            raise InputError(doubt)
    app.setApplicationName("PLN Journal")
    app.setOrganizationName("plnjournal")
    app_identity.apply_identity(app)
    theme.follow_system_scheme(app)
    # One window per journal, a checked open (daily backup; a damaged journal offers its
    # newest sound backup), and the crash dialog: see gui/shell/app_guard.py.
    guard = AppGuard(db_path)
    if guard.already_running():
        return 1 if smoke_test else 0  # a smoke test must show a window of its own

    def before_dialog() -> None:  # shown before the window: later launches raise it; an icon
        guard.answer_launches()
        apply_window_icon(app)
        theme.use_app_style(app)  # the dialog's buttons as the window's

    if encrypted and not keys.is_unlocked(db_path):  # nothing of the journal is read before
        before_dialog()
        # bench/window_encrypted.py: the passphrase is typed at once, from its file
        typed = bench_ready.bench_passphrase() if os.environ.get("PLNJOURNAL_BENCH_READY") else None
        if not unlock_screen.unlock_at_start(keys, db_path, typed=typed):
            return 0  # closed without unlocking: nothing was read
    db = guard.open_journal(quick_check=check, before_asking=before_dialog)
    if db is None:
        return 1
    try:
        if not smoke_test and needs_first_start(db):  # ask how to begin; closing it opens it
            before_dialog()
            setup_logging()  # the dialog may stay open a long time: log to the file meanwhile
            welcome = first_start.FirstStartDialog(db, keys=keys)
            welcome.exec()
            if welcome.encrypted:  # the plain file was replaced: open the encrypted one
                db.close()
                reopened = guard.open_journal(before_asking=before_dialog)
                if reopened is None:
                    return 1
                db = reopened
        window = MainWindow(db)
        window.first_painted.connect(lambda: apply_window_icon(app))
        guard.protect(window)
        if os.environ.get("PLNJOURNAL_BENCH_READY"):  # bench/run.py: report when ready, quit
            bench_ready.quit_when_ready(window)
        window.show()
        if smoke_test:
            app_identity.schedule_smoke_report(app, window, screenshot)
        exit_code: int = app.exec()  # app is typed Any: QtWidgets comes through lazy_module
        return exit_code
    finally:
        guard.close()  # waits for background work before the journal closes
        db.close()
