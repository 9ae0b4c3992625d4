"""The pieces the set-up and the privacy settings share: choosing a passphrase, and the
recovery key shown once, with what losing both means said plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import plain_label
from plnjournal.gui.privacy.keys import passphrase_problem

LOSS_WARNING = (
    "Keep it somewhere safe and apart from this computer: written on paper, or in a "
    "password manager. If you lose both your passphrase and this recovery key, nobody can "
    "open the journal again, not even the makers of PLN Journal."
)


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class NewPassphrase(QWidget):
    """Two fields for a new passphrase; ``problem()`` says why it cannot be used yet."""

    def __init__(self, label: str = "Passphrase", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = _password_field(label)
        self.again = _password_field(f"{label}, again")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(f"{label}:", self.first)
        form.addRow("Type it again:", self.again)

    def text(self) -> str:
        """The passphrase typed."""
        return self.first.text()

    def problem(self) -> str:
        """Why it cannot be used ("" when it can)."""
        return passphrase_problem(self.first.text(), self.again.text())

    def clear(self) -> None:
        """Forget what was typed (once used)."""
        self.first.clear()
        self.again.clear()


def group_key(key: str) -> str:
    """The key as shown: what the storage layer gave, split in groups of four when it is one
    run of characters (easier to copy by hand)."""
    if any(ch.isspace() or ch == "-" for ch in key):
        return key
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class RecoveryKeyView(QWidget):
    """The recovery key, shown once: large, selectable, with a copy button; ``confirmed``
    becomes True once the user says they have kept it (the step cannot be left before)."""

    confirmed_changed = Signal(bool)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyView")
        self.key = key
        heading = QLabel("Your recovery key")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            "It opens the journal if you forget your passphrase. It is shown only now: "
            "PLN Journal does not keep a copy it could show you again."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.shown = plain_label(group_key(key))
        self.shown.setAccessibleName("Recovery key")
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(heading.font().pointSizeF())
        self.shown.setFont(mono)
        self.shown.setWordWrap(True)
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setFrameShape(QLabel.Shape.StyledPanel)
        self.shown.setMargin(12)
        copy = QPushButton("Copy")
        copy.setToolTip("Copy the recovery key, to paste it into a password manager")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key))
        warning = QLabel(LOSS_WARNING)
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.setWordWrap(True)
        bold = warning.font()
        bold.setBold(True)
        warning.setFont(bold)
        self.kept = QCheckBox("I have written down or saved my recovery key")
        self.kept.toggled.connect(self.confirmed_changed.emit)
        row = QHBoxLayout()
        row.addWidget(self.shown, 1)
        row.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(warning)
        layout.addWidget(self.kept)
        layout.addStretch(1)

    def confirmed(self) -> bool:
        """Whether the user said the key is kept."""
        return self.kept.isChecked()
