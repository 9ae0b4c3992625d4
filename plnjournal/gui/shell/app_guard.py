"""What ``run_gui`` does to keep the journal safe: one window per journal, a checked open
(a damaged journal offers its newest sound backup), and the crash dialog.

Kept apart from ``app.py`` so start-up code and safety code change independently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QApplication, QWidget

from plnjournal.errors import DatabaseDamaged, PlnError
from plnjournal.gui import late_types
from plnjournal.gui.plain import literal
from plnjournal.gui.shell.crash_handler import CrashHandler, install_crash_handler
from plnjournal.gui.shell.single_instance import InstanceGuard, bring_forward
from plnjournal.lazy import lazy_module
from plnjournal.logs import hold_early_records, setup_logging
from plnjournal.paths import remove_stale_scratch
from plnjournal.storage.db import Database, open_database
from plnjournal.storage.sqlite_file import QuickCheck

if TYPE_CHECKING:  # for annotations; the class is read from late_types when shown
    from PySide6.QtWidgets import QMessageBox

    from plnjournal.storage.backup import BackupInfo

# Off the first paint: the background helper (its progress and message boxes' Qt types),
# used once the window has loaded; the backup and restore code, used then or on a damaged
# journal (docs/performance.md, "Where the start-up deferrals are").
tasks = lazy_module("plnjournal.gui.tasks")
backup = lazy_module("plnjournal.storage.backup")
restore = lazy_module("plnjournal.storage.restore")

log = logging.getLogger(__name__)


class AppGuard:
    """Used once by ``run_gui``: ``already_running``, ``open_journal``, ``protect``, ``close``."""

    def __init__(self, db_path: Path) -> None:
        hold_early_records()  # written to the log file once it opens, after the first paint
        self.db_path = db_path
        self.instance = InstanceGuard(db_path)
        self.instance.raise_requested.connect(self._bring_forward)
        self.window: QWidget | None = None
        self.crash: CrashHandler | None = None

    def already_running(self) -> bool:
        """True when a window on this journal is open (it was asked to come forward); else
        this launch claims the journal at once, before any dialog of its own is shown."""
        if self.instance.claim():
            return False
        if not self.instance.forward_to_running():
            late_types.QMessageBox.information(
                None,
                "PLN Journal is already open",
                "This journal is open in another PLN Journal window, which did not come "
                "forward. Switch to that window, or close it and open the journal again.",
            )
        return True

    def answer_launches(self) -> None:
        """From now on, a later launch on this journal brings this app's window forward:
        called once the window has loaded, or before a dialog the user must answer first."""
        self.instance.listen()

    def _bring_forward(self) -> None:
        # Before the main window exists (a first-start or damaged-journal dialog is open),
        # that dialog is what the user is waiting on.
        target = self.window or QApplication.activeModalWidget() or QApplication.activeWindow()
        if target is not None:
            bring_forward(target)

    def open_journal(
        self,
        parent: QWidget | None = None,
        *,
        quick_check: QuickCheck | None = None,
        before_asking: Callable[[], object] | None = None,
    ) -> Database | None:
        """Open the journal, or explain in a dialog why not (before which ``before_asking``
        is called; by default, later launches are answered from then on)."""
        return open_journal_or_explain(
            self.db_path,
            parent,
            quick_check=quick_check,
            before_asking=before_asking or self.answer_launches,
        )

    def protect(self, window: QWidget) -> None:
        """Raise ``window`` for later launches; show unexpected errors in a dialog; make the
        day's backup off the GUI thread (a 10-year journal takes a few hundred ms), once the
        window has loaded when it says so (the backup never competes with the first paint)."""
        self.window = window
        self.crash = install_crash_handler(window)  # it opens the log itself on an error
        loaded = getattr(window, "loaded", None)
        if loaded is not None and not getattr(window, "is_loaded", False):
            loaded.connect(lambda: self._after_load(window))
        else:
            self._after_load(window)

    def _after_load(self, window: QWidget) -> None:
        self.answer_launches()
        setup_logging()  # the rotating log file (logging.handlers: not worth the first paint)
        # What a killed run left in its scratch folder (a reflection open in the editor) goes
        # now, not at the next command that happens to need one (paths.scratch_dir).
        remove_stale_scratch()
        db = getattr(window, "db", None)
        if db is not None:
            start_daily_backup(window, db)

    def close(self) -> None:
        """Let background work (a backup) finish, then release the journal and the hooks."""
        tasks.wait_for_background_work()  # a backup in progress finishes before the app exits
        self.instance.close()
        if self.crash is not None:
            self.crash.uninstall()
            self.crash = None


def start_daily_backup(window: QWidget, db: Database) -> None:
    """The first start of the day backs the journal up; a failure is a status-bar warning."""

    def failed(exc: BaseException) -> None:
        message = getattr(exc, "message", str(exc))
        log.warning("today's automatic backup was not made: %s", message)
        show = getattr(window, "show_message", None)  # the status bar, when there is one
        if show is not None:
            show(f"Today's automatic backup was not made: {message}")

    tasks.run_in_background(window, lambda _p: backup.daily_backup(db.path), on_failure=failed)


def open_journal_or_explain(
    db_path: Path,
    parent: QWidget | None = None,
    *,
    quick_check: QuickCheck | None = None,
    before_asking: Callable[[], object] | None = None,
) -> Database | None:
    """The journal, opened; or None after telling the user why it cannot be (never a traceback).
    ``quick_check``: the file's check, started earlier (see ``storage.sqlite_file``);
    ``before_asking``: called before a dialog is shown."""
    try:
        return open_database(db_path, quick_check=quick_check)
    except PlnError as exc:
        if before_asking is not None:
            before_asking()
        problem = exc
    QMessageBox = late_types.QMessageBox  # only when something is wrong
    if not isinstance(problem, DatabaseDamaged):
        QMessageBox.critical(
            parent, "PLN Journal cannot open the journal", literal(problem.message)
        )
        return None
    good = _good_backup(problem)
    if good is None:
        QMessageBox.critical(
            parent, "PLN Journal: the journal is damaged", literal(problem.message)
        )
        return None
    if not offer_restore(problem, parent):
        return None
    try:
        setup_logging()  # the restore is logged
        result = restore.restore_backup(db_path, good.path)
        log.info("restored %s at start-up; damaged file kept as %s", db_path, result.damaged_kept)
        return open_database(db_path)
    except PlnError as again:
        QMessageBox.critical(
            parent, "PLN Journal could not restore the backup", literal(again.message)
        )
        return None


def damaged_dialog(exc: DatabaseDamaged, parent: QWidget | None = None) -> QMessageBox:
    """The question shown when the journal is damaged and a sound backup exists."""
    QMessageBox = late_types.QMessageBox
    good = _good_backup(exc)
    assert good is not None  # asked only when there is a backup to restore
    box = QMessageBox(parent)
    box.setObjectName("damagedJournalDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("PLN Journal: the journal is damaged")
    box.setText("Your journal file is damaged and cannot be opened.")
    box.setInformativeText(
        "PLN Journal has left the file exactly as it is.\n\n"
        f"The newest sound backup was made on {good.made_at:%A %d %B %Y at %H:%M}. "
        "Restoring it puts it in place of the damaged file, which is kept beside it "
        "(never repaired or deleted), so nothing is lost if you want to try to rescue it."
    )
    box.setDetailedText(exc.message)
    box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    return box


def offer_restore(exc: DatabaseDamaged, parent: QWidget | None = None) -> bool:
    """Ask whether to put the newest sound backup in place of the damaged journal."""
    box = damaged_dialog(exc, parent)
    box.exec()
    clicked = box.clickedButton()
    accept = late_types.QMessageBox.ButtonRole.AcceptRole
    return clicked is not None and box.buttonRole(clicked) == accept


def _good_backup(exc: DatabaseDamaged) -> BackupInfo | None:
    """The backup the error offers: errors.py, below storage, types it as a plain object."""
    return cast("BackupInfo | None", exc.good_backup)
