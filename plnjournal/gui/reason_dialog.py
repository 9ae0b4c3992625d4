"""A short question with an optional reason, whose buttons say what happens ("Skip today",
"Drop it") instead of a bare OK and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import plain_label
from plnjournal.gui.theme import make_primary


class ReasonDialog(QDialog):
    """Asks why, in one line; ``act_button`` does the thing, Cancel leaves it be."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        question: str,
        act: str,
        *,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = plain_label(question)  # names a skill or a commitment: the user's own words
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(placeholder)
        self.reason.setAccessibleName("Reason")
        label.setBuddy(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.act_button = QPushButton(act)
        self.act_button.setDefault(True)
        make_primary(self.act_button)
        buttons.addButton(self.act_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(440, self.sizeHint().width() * 2))


def ask_reason(
    parent: QWidget | None, title: str, question: str, act: str, *, placeholder: str = ""
) -> str | None:
    """The reason typed (perhaps empty) once the user presses ``act``; None on Cancel."""
    dialog = ReasonDialog(parent, title, question, act, placeholder=placeholder)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text()
