"""The first-start dialog's offer to encrypt the new journal (recommended), and the step after
it that shows the recovery key (``gui/shell/first_start.py`` places both)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import plain_label
from plnjournal.gui.privacy.keys import passphrase_problem
from plnjournal.gui.privacy.recovery_key import RecoveryKeyView
from plnjournal.gui.theme import make_primary


class EncryptionOffer(QWidget):
    """ "Encrypt this journal with a passphrase (recommended)", checked at first, with the
    passphrase typed twice; ``passphrase()`` is None when the user chose a plain journal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionOffer")
        self.choice = QCheckBox("Encrypt this journal with a passphrase (recommended)")
        self.choice.setChecked(True)
        self.first = QLineEdit()
        self.again = QLineEdit()
        for field, name in ((self.first, "Passphrase"), (self.again, "Passphrase, again")):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        note = QLabel(
            "Your reflections may name patients, pupils and colleagues. Encrypted, the journal "
            "and its backups are unreadable without your passphrase, or the recovery key you "
            "get next."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.problem_label = plain_label()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Passphrase problem")
        grid = QGridLayout()
        grid.setContentsMargins(24, 0, 0, 0)
        grid.addWidget(QLabel("Passphrase:"), 0, 0)
        grid.addWidget(self.first, 0, 1)
        grid.addWidget(QLabel("Again:"), 0, 2)
        grid.addWidget(self.again, 0, 3)
        grid.addWidget(note, 1, 0, 1, 4)
        grid.addWidget(self.problem_label, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.details = QWidget()
        self.details.setLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.details)
        self.choice.toggled.connect(self.details.setEnabled)

    def wanted(self) -> bool:
        """Whether the user chose to encrypt."""
        return self.choice.isChecked()

    def problem(self) -> str:
        """Why the journal cannot be encrypted with what was typed ("" when it can, or when
        the user chose a plain journal); shown under the fields."""
        problem = passphrase_problem(self.first.text(), self.again.text()) if self.wanted() else ""
        self.problem_label.setText(problem)
        return problem

    def passphrase(self) -> str | None:
        """The chosen passphrase; None for a plain journal."""
        return self.first.text() if self.wanted() else None

    def forget(self) -> None:
        """Clear the fields once the journal is encrypted."""
        self.first.clear()
        self.again.clear()


class RecoveryKeyStep(QWidget):
    """The set-up's last step: the recovery key, and "Continue" once the user has kept it."""

    done = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyStep")
        intro = QLabel("The journal is encrypted. Before you start writing:")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.view = RecoveryKeyView(key)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.continue_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText("Continue")
        make_primary(self.continue_button)
        self.continue_button.setEnabled(False)
        self.view.confirmed_changed.connect(self.continue_button.setEnabled)
        buttons.accepted.connect(self.done.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
