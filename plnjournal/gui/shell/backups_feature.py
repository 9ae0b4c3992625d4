"""File ▸ Backups…: the menu entry, kept apart from the dialog so the window's start does not
load the dialog's module (it opens on demand)."""

from __future__ import annotations

from typing import Any


def install(window: Any) -> None:
    """Add File ▸ Backups… to the main window."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    action = QAction("&Backups…", window)
    action.setObjectName("backupsAction")

    def open_dialog() -> None:
        from plnjournal.gui.shell.backups_dialog import BackupsDialog, reload_after_restore

        journal = getattr(window, "journal", None)
        dialog = BackupsDialog(
            window.db,
            window,
            before_restore=getattr(journal, "flush", None),
            after_restore=lambda: reload_after_restore(window),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu("file").addAction(action)
