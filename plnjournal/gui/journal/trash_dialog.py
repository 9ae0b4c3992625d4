"""Edit ▸ Trash…: the reflections deleted in the last 30 days, and putting one back.

Deleting in the window or with ``plnjournal delete`` moves a reflection to the trash
(core/journal/trash.py); this is where it is found again, whole, with its skills and tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal import trash
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import run_in_background, show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from plnjournal.core.journal.trash import Trashed
    from plnjournal.storage.db import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TrashDialog(QDialog):
    """The trash's list, read and restored off the GUI thread."""

    def __init__(
        self, db: Database, parent: QWidget | None, after_restore: Callable[[int], None]
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.after_restore = after_restore
        self.setWindowTitle("Trash")
        self.head: QLabel = plain_label(
            f"Reflections you deleted are kept here for {trash.KEEP_DAYS} days, whole, with "
            "their skills and tags. Select one and restore it."
        )
        self.head.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Deleted reflections")
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        remember_geometry(self, "trash", (560, 380))
        self.reload()

    def reload(self) -> None:
        """Read the trash again (what it kept too long is forgotten as it is read)."""

        def read(_progress: object) -> list[Trashed]:
            with self.db.session() as s:
                return trash.list_trash(s)

        run_in_background(self, read, on_success=self._show, on_failure=self._failed)

    def _show(self, items: list[Trashed]) -> None:
        self.list.clear()
        self.list.setEnabled(bool(items))
        for t in items:
            # QListWidgetItem shows plain text: a title from a file stays literal.
            item = QListWidgetItem(
                f"{t.entry_date:%a %d %b %Y} — {t.title or '(no title)'}    "
                f"(deleted {t.deleted_at:%d %b %H:%M}; kept until {t.forgotten_on():%d %b})"
            )
            item.setData(ID_ROLE, t.id)
            self.list.addItem(item)
        if not items:
            self.list.addItem(QListWidgetItem("The trash is empty."))
            self.list.setEnabled(False)
        self._selection_changed()

    def _selection_changed(self) -> None:
        item = self.list.currentItem()
        self.restore_button.setEnabled(item is not None and item.data(ID_ROLE) is not None)

    def restore_selected(self) -> None:
        """Put the selected reflection back and open it."""
        item = self.list.currentItem()
        trash_id = item.data(ID_ROLE) if item is not None else None
        if trash_id is None:
            return
        self.restore_button.setEnabled(False)

        def restore(_progress: object) -> int:
            with self.db.session() as s:
                return trash.restore_from_trash(s, int(trash_id)).id

        def restored(entry_id: int) -> None:
            self.after_restore(entry_id)
            self.reload()

        run_in_background(self, restore, on_success=restored, on_failure=self._failed, writes=True)

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc, "Trash")
        self._selection_changed()
