"""Making commitments: one typed in, or the lines of a reflection's action plan to confirm;
and the reads and writes around the dialog, which run on the background helper's worker."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal import commitments as commitments_service
from plnjournal.gui.journal.calendar_panel import to_date, to_qdate
from plnjournal.gui.prefs import fit_to_screen
from plnjournal.storage.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from plnjournal.core.journal.commitments import ProposedCommitment

Made = list[tuple[str, dt.date, "int | None"]]  # (text, due date, skill id) of each


def read_proposals(
    session: Session, entry_id: int | None
) -> tuple[int, list[ProposedCommitment]] | None:
    """The reflection's new action-plan lines (an ``EntryEditor.write``: after its save)."""
    if entry_id is None:
        return None
    return entry_id, commitments_service.proposals_for_entry(session, entry_id)


def add_commitments(db: Database, made: Made, *, entry_id: int | None, today: dt.date) -> None:
    """Write the commitments made in the dialog (on the write worker)."""
    with db.session() as s:
        for text, due, skill_id in made:
            commitments_service.add_commitment(
                s, text, due_on=due, skill_id=skill_id, entry_id=entry_id, created_on=today
            )


class CommitmentDialog(QDialog):
    """Without proposals: one new commitment. With them: tick (and edit) the lines to keep."""

    def __init__(
        self,
        skills: list[tuple[int, str]],
        *,
        default_due: dt.date,
        default_skill: int | None = None,
        proposals: list[ProposedCommitment] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.proposals = proposals
        self.setWindowTitle("Commitments from this reflection" if proposals else "New commitment")
        self.text = QLineEdit()
        self.text.setAccessibleName("What you will do")
        self.text.setPlaceholderText("What will you do? Be concrete.")
        self.lines = QListWidget()
        self.lines.setAccessibleName("Action-plan lines to commit to")
        for p in proposals or []:
            item = QListWidgetItem(p.text)
            item.setFlags(
                item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
            )
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, p.due_on)
            self.lines.addItem(item)
        self.due = QDateEdit(to_qdate(default_due))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("ddd d MMM yyyy")
        self.due.setAccessibleName("Due date")
        self.skill = QComboBox()
        self.skill.setAccessibleName("Skill (optional)")
        self.skill.addItem("no particular skill", None)
        for skill_id, label in skills:
            self.skill.addItem(label, skill_id)
        self.skill.setCurrentIndex(max(self.skill.findData(default_skill), 0))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Commit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        if proposals:
            hint = QLabel(
                "Tick the lines you commit to (double-click to reword). A date written in a "
                "line (2026-12-04) is its due date; the others get the date below."
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
            layout.addWidget(self.lines)
            self.text.hide()
        else:
            form.addRow("I will:", self.text)
            self.lines.hide()
        form.addRow("Due:", self.due)
        form.addRow("Skill:", self.skill)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_screen(self, 520, 360 if proposals else 180)

    def commitments(self) -> Made:
        """(text, due date, skill id) of each commitment to make."""
        due, skill = to_date(self.due.date()), self.skill.currentData()
        if not self.proposals:
            text = self.text.text().strip()
            return [(text, due, skill)] if text else []
        out = []
        for i in range(self.lines.count()):
            item = self.lines.item(i)
            if item.checkState() == Qt.CheckState.Checked and item.text().strip():
                out.append((item.text().strip(), item.data(Qt.ItemDataRole.UserRole) or due, skill))
        return out
