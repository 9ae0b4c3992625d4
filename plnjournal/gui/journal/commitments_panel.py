"""Open commitments (overdue first to catch the eye), done / dropped with a reason, and new
ones from the open reflection's action plan.

The panel reads and writes through the background helper (``gui/tasks.py``): a journal locked
by another program never freezes the window, and what was read is shown when it lands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.dates import short_date
from plnjournal.errors import InputError
from plnjournal.gui.plain import html_label, literal
from plnjournal.gui.reason_dialog import ask_reason
from plnjournal.gui.tasks import Task, run_in_background, show_error
from plnjournal.gui.theme import warning_colour
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:  # for annotations only
    from sqlalchemy.orm import Session

# Made on the GUI thread right after the first paint, while SQLAlchemy still loads on a worker
# (gui/shell/main_window.py, prepare_orm): the service (SQLAlchemy) is named here and used
# once it has loaded, so the GUI thread never waits for that import.
commitments_service = lazy_module("plnjournal.core.journal.commitments")

COL_DUE, COL_TEXT, COL_SKILL, COL_CARD = 0, 1, 2, 3
COMMITMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CommitmentRow:
    """One open commitment as the panel shows it, read off the GUI thread."""

    id: int
    text: str
    due_on: dt.date | None
    skill: str
    overdue: bool


def read_commitment_rows(db: Database, today: dt.date) -> list[CommitmentRow]:
    """The open commitments, soonest first, as the model shows them (a session: run it where
    waiting on the journal is harmless)."""
    with db.session() as s:
        return [
            CommitmentRow(
                c.id,
                c.text,
                c.due_on,
                c.skill.code if c.skill else "",
                commitments_service.is_overdue(c, today),
            )
            for c in commitments_service.open_commitments(s)
        ]


class CommitmentsModel(QAbstractTableModel):
    """The open commitments, handed as rows; the card column is what the narrow panel lists."""

    # The side panel is narrow: it lists the "card" column (text, then due date and skill);
    # the separate columns serve sorting, tooltips and any wider view.
    HEADERS = ("Due", "Commitment", "Skill", "Commitment with due date")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CommitmentRow] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[CommitmentRow], today: dt.date) -> None:
        """Show these rows; ``today`` says which are overdue and how near a due date is."""
        self.beginResetModel()
        self.today = today
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.rowCount."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.columnCount."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """QAbstractItemModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: the card text, tooltips, overdue colour and id."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DUE:
                return short_date(row.due_on, self.today) if row.due_on else "—"
            if col == COL_CARD:
                due = f"due {short_date(row.due_on, self.today)}" if row.due_on else "no due date"
                parts = (
                    [due]
                    + ([row.skill] if row.skill else [])
                    + (["overdue"] if row.overdue else [])
                )
                return f"{row.text}\n{' · '.join(parts)}"
            return row.text if col == COL_TEXT else row.skill
        if role == Qt.ItemDataRole.ToolTipRole:
            due = f"due {row.due_on}" if row.due_on else "no due date"
            return literal(f"{row.text}\n({due}{', overdue' if row.overdue else ''})")
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return warning_colour()
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_DUE:
            return ("overdue, " if row.overdue else "") + (
                f"due {row.due_on}" if row.due_on else "no date"
            )
        if role == COMMITMENT_ID_ROLE:
            return row.id
        return None


class CommitmentsPanel(QWidget):
    """The open commitments beside the reflection; done and drop are written in the background."""

    changed = Signal()
    add_requested = Signal()
    from_entry_requested = Signal()

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.entry_id: int | None = None
        self._generation = self._proposals_generation = 0  # the newest reads (older: dropped)
        self._writing = False  # a done / drop is being written
        self.model = CommitmentsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setModelColumn(COL_CARD)
        self.view.setAccessibleName("Open commitments")
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setSpacing(4)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setAlternatingRowColors(True)
        self.summary = html_label()  # counts in our markup
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Commitments summary")
        self.done_button = QPushButton("Done")
        self.done_button.setAccessibleName("Mark the selected commitment done")
        self.drop_button = QPushButton("Drop…")
        self.drop_button.setAccessibleName("Drop the selected commitment, with a reason")
        self.add_button = QPushButton("Add…")
        self.add_button.setAccessibleName("Add a commitment")
        self.from_entry_button = QPushButton()
        self.from_entry_button.setAccessibleName(
            "Make commitments from this reflection's action plan"
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.done_button, self.drop_button, self.add_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.from_entry_button)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.drop_button.clicked.connect(self.drop_selected)
        self.add_button.clicked.connect(self.add_requested)
        self.from_entry_button.clicked.connect(self.from_entry_requested)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        # Filled by refresh() once the journal has loaded (just after the window shows).
        self.summary.setText("Loading commitments…")
        self.from_entry_button.hide()
        self._enable()

    def refresh(self) -> Task:
        """Read the open commitments off the GUI thread; shown when they land."""
        today, db = self._today(), self.db
        self._generation += 1
        generation = self._generation
        task = run_in_background(
            self,
            lambda _progress: read_commitment_rows(db, today),
            on_success=lambda rows: self._rows_read(rows, today, generation),
        )
        self._update_from_entry()
        return task

    def _rows_read(self, rows: list[CommitmentRow], today: dt.date, generation: int) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self.model.set_rows(rows, today)
        n = len(self.model.rows)
        late = sum(r.overdue for r in self.model.rows)
        if n == 0:
            self.summary.setText("No open commitments. Turn a reflection's “Now what?” into one.")
        else:
            text = f"{n} open"
            if late:
                colour = warning_colour(self.palette()).name()
                text += f", <span style='color:{colour}'><b>{late} overdue</b></span>"
            self.summary.setText(text)
        self._enable()

    def set_entry(self, entry_id: int | None) -> None:
        """Follow the open reflection: offer its action plan's new lines, once counted."""
        self.entry_id = entry_id
        self._update_from_entry()

    def _update_from_entry(self) -> None:
        entry_id, db = self.entry_id, self.db
        self._proposals_generation += 1
        generation = self._proposals_generation
        if entry_id is None:
            self._show_from_entry(0)
            return

        def count(_progress: object) -> int | None:
            try:
                with db.session() as s:
                    return len(commitments_service.proposals_for_entry(s, entry_id))
            except InputError:  # the reflection was just deleted
                return None

        def counted(n: int | None) -> None:
            if generation != self._proposals_generation:
                return  # another reflection is open by now
            if n is None and self.entry_id == entry_id:
                self.entry_id = None
            self._show_from_entry(n or 0)

        run_in_background(self, count, on_success=counted)

    def _show_from_entry(self, n: int) -> None:
        self.from_entry_button.setVisible(n > 0)
        plural = "line" if n == 1 else "lines"
        self.from_entry_button.setText(f"Commit to {n} action-plan {plural} of this reflection…")

    def _enable(self) -> None:
        has = self.selected_id() is not None and not self._writing
        self.done_button.setEnabled(has)
        self.drop_button.setEnabled(has)

    def selected_id(self) -> int | None:
        """The id of the commitment selected in the list, if any."""
        rows = self.view.selectionModel().selectedIndexes()
        return rows[0].data(COMMITMENT_ID_ROLE) if rows else None

    def select(self, commitment_id: int) -> None:
        """Select the commitment with this id (if it is listed)."""
        for i, row in enumerate(self.model.rows):
            if row.id == commitment_id:
                self.view.setCurrentIndex(self.model.index(i, COL_CARD))

    def mark_selected_done(self) -> None:
        """Close the selected commitment as done today (written off the GUI thread)."""
        cid = self.selected_id()
        if cid is None:
            return
        today = self._today()
        self._write(lambda s: commitments_service.mark_done(s, cid, on=today))

    def drop_selected(self, reason: str | None = None) -> None:
        """Drop the selected commitment, with a reason (asked for when not given)."""
        cid = self.selected_id()
        if cid is None:
            return
        if not isinstance(reason, str):
            reason = ask_reason(
                self,
                "Drop commitment",
                "Why are you dropping it? (kept with the commitment)",
                "Drop it",
            )
            if reason is None:
                return
        if not reason.strip():
            self.summary.setText("Not dropped: say why in a few words.")
            return
        today = self._today()
        self._write(lambda s: commitments_service.drop_commitment(s, cid, reason, on=today))

    def _write(self, change: Callable[[Session], object]) -> None:
        """Write ``change`` on the write worker; the buttons wait until it has landed."""
        db = self.db

        def write(_progress: object) -> None:
            with db.session() as s:
                change(s)

        def landed() -> None:
            self._writing = False
            self._enable()

        def done(_result: object) -> None:
            landed()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            landed()
            show_error(self, exc)

        self._writing = True
        self._enable()
        run_in_background(self, write, on_success=done, on_failure=failed, writes=True)
