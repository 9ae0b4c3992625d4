"""Edit ▸ Trash…: the menu entry, apart from the dialog so the window's start does not load
the dialog's module (it opens on demand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.shell.main_window import MainWindow

# The dialog (and the trash's SQLAlchemy code) loads when it is first opened, not with the
# menus (docs/performance.md, "Where the start-up deferrals are").
trash_dialog = lazy_module("plnjournal.gui.journal.trash_dialog")


def install(window: MainWindow) -> None:
    """Add Edit ▸ Trash… to the main window."""
    action = QAction("&Trash…", window)
    action.setObjectName("trashAction")

    def restored(_entry_id: int) -> None:
        window.notify_changed("entries", "ratings", "commitments", "feedback")

    def open_dialog() -> None:
        dialog = trash_dialog.TrashDialog(window.db, window, after_restore=restored)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    window.menu("edit").addAction(action)
