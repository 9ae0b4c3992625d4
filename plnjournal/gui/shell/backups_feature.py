"""File ▸ Backups…: the menu entry, kept apart from the dialog so the window's start does not
load the dialog's module (it opens on demand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

# The dialog's module (and the backup code behind it) loads when the dialog is first opened,
# not with the window's menus (docs/performance.md, "Where the start-up deferrals are").
backups_dialog = lazy_module("plnjournal.gui.shell.backups_dialog")


def install(window: MainWindow) -> None:
    """Add File ▸ Backups… to the main window."""
    action = QAction("&Backups…", window)
    action.setObjectName("backupsAction")

    def open_dialog() -> None:
        dialog = backups_dialog.BackupsDialog(
            window.db,
            window,
            before_restore=window.journal.flush,
            after_restore=lambda: backups_dialog.reload_after_restore(window),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu("file").addAction(action)
