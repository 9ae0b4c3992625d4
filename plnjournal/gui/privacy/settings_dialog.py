"""Settings ▸ Privacy (File ▸ Privacy…): the passphrase, the recovery key, remembering the key
on this computer, and when the window locks.

Every call that derives a key (Argon2id: a noticeable moment) or reads the keyring runs on a
worker thread (``gui/tasks``), with the dialog's controls held meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.errors import PlnError, WrongPassphrase
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.privacy.app_lock import MINUTES_RANGE, lock_minutes, set_lock_minutes
from plnjournal.gui.privacy.keys import JournalKeys
from plnjournal.gui.privacy.recovery_key import NewPassphrase, RecoveryKeyView
from plnjournal.gui.privacy.unlock_screen import mute
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.gui.theme import make_primary


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ChangePassphraseDialog(QDialog):
    """The current passphrase and a new one; the journal's key is rewrapped, not re-encrypted."""

    def __init__(self, keys: JournalKeys, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the passphrase")
        self.keys, self.path = keys, path
        self.current = _password_field("Current passphrase")
        self.new = NewPassphrase("New passphrase")
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change")
        make_primary(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Current passphrase:", self.current)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.new)
        layout.addWidget(
            _note("The recovery key stays the same. Only this computer's copy changes now.")
        )
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def change(self) -> None:
        """Rewrap the key on the write worker; the dialog closes once it is done."""
        problem = self.new.problem()
        if problem:
            self.message.setText(problem)
            return
        keys, path = self.keys, self.path
        old, new = self.current.text(), self.new.text()
        self.setEnabled(False)
        self.message.setText("Changing the passphrase…")
        run_in_background(
            self,
            lambda _p: keys.change_passphrase(path, old, new),
            on_success=lambda _r: self.accept(),
            on_failure=self._failed,
            writes=True,
        )

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, WrongPassphrase):
            self.message.setText("The current passphrase is not right; nothing was changed.")
            self.current.clear()
            self.current.setFocus()
        elif isinstance(exc, PlnError):
            self.message.setText(exc.message)
        else:
            self.message.clear()
            show_error(self, exc)


class NewRecoveryKeyDialog(QDialog):
    """Asks the passphrase, makes a new recovery key (the old one stops working) and shows it
    once; the dialog cannot be left before the user says the key is kept."""

    def __init__(self, keys: JournalKeys, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("A new recovery key")
        self.keys, self.path = keys, path
        self.view: RecoveryKeyView | None = None
        self.pages = QStackedWidget()
        ask = self.ask_page = QWidget()
        self.passphrase = _password_field("Passphrase")
        self.message = plain_label()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Passphrase:", self.passphrase)
        ask_layout = QVBoxLayout(ask)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.addWidget(
            _note(
                "A new recovery key replaces the old one: from then on the old key no longer "
                "opens the journal. Make one if the old key may have been seen, or is lost."
            )
        )
        ask_layout.addLayout(form)
        ask_layout.addWidget(self.message)
        ask_layout.addStretch(1)
        self.pages.addWidget(ask)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Make a new key")
        make_primary(self.ok)
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _next(self) -> None:
        if self.view is not None:
            if self.view.confirmed():
                self.accept()
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText("Type the passphrase.")
            return
        keys, path = self.keys, self.path
        self.setEnabled(False)
        self.message.setText("Making a new recovery key…")
        run_in_background(
            self,
            lambda _p: keys.new_recovery_key(path, passphrase),
            on_success=self._show_key,
            on_failure=self._failed,
            writes=True,
        )

    def _show_key(self, key: str) -> None:
        self.setEnabled(True)
        self.passphrase.clear()
        self.view = RecoveryKeyView(key)
        self.pages.addWidget(self.view)
        self.pages.setCurrentWidget(self.view)
        self.pages.removeWidget(self.ask_page)  # its height goes too (it is kept, hidden)
        self.adjustSize()
        self.ok.setText("Done")
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.view.confirmed_changed.connect(self.ok.setEnabled)

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, WrongPassphrase):
            self.message.setText("That passphrase is not right; the recovery key is unchanged.")
            self.passphrase.clear()
        elif isinstance(exc, PlnError):
            self.message.setText(exc.message)
        else:
            self.message.clear()
            show_error(self, exc)

    def reject(self) -> None:
        """Cancel, except once the new key is shown: it is the only copy until it is kept.
        (The app lock still hides it: no secret stays on screen over a locked journal.)"""
        if self.view is not None and not self.view.confirmed():
            self.view.kept.setFocus()
            return
        super().reject()


class PrivacyDialog(QDialog):
    """Settings ▸ Privacy. ``lock_now`` and ``minutes_changed`` reach the app lock when the
    journal has one (an encrypted journal)."""

    def __init__(
        self,
        keys: JournalKeys,
        path: Path,
        parent: QWidget | None = None,
        *,
        encrypted: bool,
        lock_now: Callable[[], None] | None = None,
        minutes_changed: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy")
        self.setObjectName("privacyDialog")
        self.keys, self.path = keys, path
        self._minutes_changed = minutes_changed
        self._lock_now = lock_now
        self.change_button = QPushButton("Change the passphrase…")
        self.change_button.clicked.connect(self.change_passphrase)
        self.recovery_button = QPushButton("Make a new recovery key…")
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.remember = QCheckBox("Remember the key on this computer")
        self.remember.setEnabled(False)  # until the keyring has been read
        self.remember.toggled.connect(self._remember_toggled)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Privacy message")

        encryption = QGroupBox("Encryption")
        enc_layout = QVBoxLayout(encryption)
        if encrypted:
            enc_layout.addWidget(
                _note(
                    "This journal is encrypted: the file and its backups open only with your "
                    "passphrase or your recovery key."
                )
            )
            buttons = QHBoxLayout()
            buttons.addWidget(self.change_button)
            buttons.addWidget(self.recovery_button)
            buttons.addStretch(1)
            enc_layout.addLayout(buttons)
            enc_layout.addWidget(self.remember)
            remember_note = _note(
                "Remembered, the journal opens without asking on this computer account, from "
                "the system's keyring; anyone who can use the account can then read it. The "
                "lock after idle minutes still asks for the passphrase."
            )
            mute(remember_note)
            remember_note.setContentsMargins(24, 0, 0, 0)
            enc_layout.addWidget(remember_note)
        else:
            enc_layout.addWidget(
                _note(
                    "This journal is not encrypted: anyone who gets the file, a backup of it "
                    "or a synced copy can read it. To encrypt it, close PLN Journal and run "
                    "“plnjournal encrypt” in a terminal."
                )
            )

        lock = QGroupBox("Lock")
        self.minutes = QSpinBox()
        self.minutes.setRange(*MINUTES_RANGE)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Lock after minutes without use")
        self.minutes.setValue(lock_minutes())
        self.minutes.setMaximumWidth(self.minutes.sizeHint().width() + 40)
        self.minutes.valueChanged.connect(self._set_minutes)
        self.lock_button = QPushButton("Lock now")
        self.lock_button.clicked.connect(self._lock)
        lock_form = QFormLayout()
        lock_form.addRow("Lock after", self.minutes)
        lock_layout = QVBoxLayout(lock)
        lock_layout.addLayout(lock_form)
        lock_layout.addWidget(
            _note(
                "Locked, the window saves what you are writing, hides the journal, forgets "
                "the key and asks for the passphrase again. It also locks when the computer "
                "locks its screen or goes to sleep."
                if encrypted
                else "Only an encrypted journal locks: there is no passphrase to ask for."
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.lock_button)
        row.addStretch(1)
        lock_layout.addLayout(row)
        lock.setEnabled(encrypted)
        self.lock_button.setEnabled(lock_now is not None)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(encryption)
        layout.addWidget(lock)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(close)
        self.setMinimumWidth(560)
        self.setMaximumWidth(760)
        remember_geometry(self, "privacy", (600, 460))
        if encrypted:
            self._read_remembered()

    def _read_remembered(self) -> None:
        keys, path = self.keys, self.path

        def read(remembered: object) -> None:
            self.remember.blockSignals(True)
            self.remember.setChecked(bool(remembered))
            self.remember.blockSignals(False)
            self.remember.setEnabled(True)

        def failed(exc: BaseException) -> None:
            self.message.setText(
                "This computer's keyring cannot be read, so the key cannot be remembered "
                f"here ({getattr(exc, 'message', type(exc).__name__)})."
            )

        run_in_background(
            self, lambda _p: keys.is_remembered(path), on_success=read, on_failure=failed
        )

    def _remember_toggled(self, on: bool) -> None:
        keys, path = self.keys, self.path
        self.remember.setEnabled(False)

        def done(_r: object) -> None:
            self.remember.setEnabled(True)
            self.message.setText(
                "The key is remembered on this computer."
                if on
                else "The key is no longer remembered on this computer."
            )

        def failed(exc: BaseException) -> None:
            self.remember.blockSignals(True)
            self.remember.setChecked(not on)
            self.remember.blockSignals(False)
            self.remember.setEnabled(True)
            if isinstance(exc, PlnError):
                self.message.setText(exc.message)
            else:
                show_error(self, exc)

        run_in_background(
            self, lambda _p: keys.remember(path, on), on_success=done, on_failure=failed
        )

    def change_passphrase(self) -> None:
        """Open the change dialog; says so here once changed."""
        dialog = ChangePassphraseDialog(self.keys, self.path, self)
        dialog.accepted.connect(lambda: self.message.setText("The passphrase is changed."))
        dialog.open()

    def new_recovery_key(self) -> None:
        """Open the new recovery key dialog; says so here once the key is kept."""
        dialog = NewRecoveryKeyDialog(self.keys, self.path, self)
        dialog.accepted.connect(
            lambda: self.message.setText(
                "The new recovery key is made; the old one no longer works."
            )
        )
        dialog.open()

    def _set_minutes(self, minutes: int) -> None:
        set_lock_minutes(minutes)
        if self._minutes_changed is not None:
            self._minutes_changed(minutes)

    def _lock(self) -> None:
        self.accept()
        if self._lock_now is not None:
            self._lock_now()
