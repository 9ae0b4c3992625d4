"""Making commitments: one typed in, or the lines of a reflection's action plan to confirm."""

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

from plnjournal.gui.journal.calendar_panel import to_date, to_qdate

if TYPE_CHECKING:
    from plnjournal.core.journal.commitments import ProposedCommitment


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
        self.resize(520, 360 if proposals else 180)

    def commitments(self) -> list[tuple[str, dt.date, int | None]]:
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
