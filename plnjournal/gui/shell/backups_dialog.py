"""File ▸ Backups…: the journal's backups with dates and sizes; back up now; restore one.

A restore runs on the one writer thread, after the editor has saved, and writes the backup
into the open journal as one transaction; every view then reloads (``notify_changed``), so the
window shows the restored journal without being closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import literal, plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.paths import backup_dir
from plnjournal.storage.backup import MANUAL, BackupInfo, backup_infos, format_size, make_backup
from plnjournal.storage.db import Database
from plnjournal.storage.restore import restore_backup

if TYPE_CHECKING:  # the window imports this module's feature: annotations only
    from plnjournal.gui.shell.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
EVERYTHING = ("entries", "skills", "framework", "ratings", "feedback", "commitments", "nudges")


class BackupListModel(QAbstractTableModel):
    """The journal's backups, newest first; ``SORT_ROLE`` sorts by time and size, not text."""

    MADE, KIND, SIZE = range(3)
    HEADERS = ("Made", "Why", "Size")
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    BACKUP_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        """Read the backup folder again (after a backup or a restore added one)."""
        self.beginResetModel()
        self.backups = backup_infos(self.db_path)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.rowCount."""
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """QAbstractItemModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractItemModel.data: the text, sort keys, the backup itself and its path."""
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        b = self.backups[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.MADE:
                return f"{b.made_at:%a %d %b %Y, %H:%M}"
            if col == self.KIND:
                return b.label
            if col == self.SIZE:
                return format_size(b.size)
        if role == self.SORT_ROLE:
            return {self.MADE: b.made_at.isoformat(), self.KIND: b.label, self.SIZE: b.size}[col]
        if role == self.BACKUP_ROLE:
            return b
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(str(b.path))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    """Lists backups; "Back up now"; "Restore…" with confirmation."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        before_restore: Callable[[], object] | None = None,
        after_restore: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)

        self.db = db
        self.before_restore = before_restore
        self.after_restore = after_restore
        self.setWindowTitle("Backups")
        self.setObjectName("backupsDialog")
        self.folder = backup_dir(db.path)
        intro = QLabel(
            "PLN Journal backs your journal up at the first start of each day, and before "
            "every upgrade, restore and import. It keeps a daily backup for the last 7 days, "
            "a weekly one for 4 weeks and a monthly one for a year; backups you make yourself "
            f"are never deleted.\n\nThey are in {self.folder}"
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = BackupListModel(db.path, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(BackupListModel.SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BackupListModel.MADE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Backups")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BackupListModel.MADE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupListModel.KIND, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BackupListModel.SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.empty = QLabel(
            "No backups yet. One is made at the first start of each day; "
            "“Back up now” makes one at once."
        )
        self.empty.setWordWrap(True)
        self.status = plain_label()  # file names and error messages
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore…")
        self.folder_button = QPushButton("Open &folder")
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        remember_geometry(self, "backups", (640, 460))
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._sync()

    def _sync(self) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        """The chosen backup, or None (Restore is enabled only with one)."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(BackupListModel.BACKUP_ROLE) if rows else None

    def back_up_now(self) -> None:
        """Make a manual backup in the background; the list shows it when it lands."""
        path = self.db.path
        self.backup_button.setEnabled(False)

        def done(dest: Path) -> None:
            self.backup_button.setEnabled(True)
            self.model.reload()
            self._select_first()
            self.status.setText(f"Backed up to {dest.name}.")

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            show_error(self, exc, "Backups")

        run_in_background(
            self, lambda _p: make_backup(path, MANUAL), on_success=done, on_failure=failed
        )

    def confirm_restore(self, backup: BackupInfo) -> bool:
        """Ask before replacing the journal (Cancel is the default); True to go on."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore a backup")
        box.setText(f"Restore the backup from {backup.made_at:%A %d %B %Y at %H:%M}?")
        box.setInformativeText(
            "Your journal will be replaced by this backup. The journal as it is now is backed "
            "up first, so you can come back to it from this list."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore

    def restore_selected(self) -> None:
        """Restore the chosen backup once the user confirms it."""
        backup = self.selected()
        if backup is None or not self.confirm_restore(backup):
            return
        self.restore(backup)

    def restore(self, backup: BackupInfo) -> None:
        """Restore ``backup`` on the writer thread (after the editor has saved)."""

        if self.before_restore is not None:
            self.before_restore()
        db = self.db
        self.restore_button.setEnabled(False)

        def work(_progress: object) -> object:
            db.engine.dispose()  # no pooled connection outlives the old content
            try:
                return restore_backup(db.path, backup.path)
            finally:
                db.engine.dispose()

        def done(_result: object) -> None:
            self.model.reload()
            self._select_first()
            self.status.setText(
                f"Restored the backup from {backup.made_at:%d %B %Y, %H:%M}. "
                "The journal as it was is the newest “Before a restore” backup."
            )
            if self.after_restore is not None:
                self.after_restore()

        def failed(exc: BaseException) -> None:
            self._sync()
            show_error(self, exc, "Restore a backup")

        run_in_background(
            self,
            work,
            on_success=done,
            on_failure=failed,
            progress_label="Restoring the backup…",
            writes=True,
        )

    def _open_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def reload_after_restore(window: MainWindow) -> None:
    """Every view reloads; the editor leaves a reflection the restore may have removed and
    opens the day as the restored journal has it."""
    window.notify_changed(*EVERYTHING)
    window.journal.go_to_day(window.journal.day)
