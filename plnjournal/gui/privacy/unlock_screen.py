"""The unlock screen: the passphrase (or the recovery key) asked before any of the journal shows.

It is the first paint of an encrypted journal (``unlock_at_start``) and the page the app lock
puts over the window (``gui/privacy/app_lock.py``). The key is derived on a worker thread
(``gui/tasks``), with a busy bar meanwhile; from the third wrong try on, each try waits longer
before the next (``wait_after``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.errors import PlnError, WrongPassphrase
from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import app_settings, fit_to_screen
from plnjournal.gui.privacy.keys import JournalKeys
from plnjournal.gui.theme import make_primary
from plnjournal.lazy import lazy_module

# Off the first paint (the unlock screen is it, for an encrypted journal): the background
# helper and its dialogs' Qt types load when the first try starts (docs/performance.md).
tasks = lazy_module("plnjournal.gui.tasks")

log = logging.getLogger(__name__)

# Wrong tries allowed before each further try waits, and the longest wait, in seconds.
FREE_TRIES = 2
LONGEST_WAIT = 60

# ``schedule(milliseconds, callback)``: QTimer.singleShot by default; tests pass a fake clock.
Schedule = Callable[[int, Callable[[], None]], None]


def mute(label: QLabel) -> QLabel:
    """Draw ``label`` in a quieter grey that stays legible (a disabled label's is too faint):
    its text colour 40% of the way to the background's. (Not gui/tones.blend: that module
    loads the skills matrix, and with it SQLAlchemy, onto the unlock screen's first paint.)"""
    palette = label.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    quiet = QColor(
        round(text.red() * 0.6 + back.red() * 0.4),
        round(text.green() * 0.6 + back.green() * 0.4),
        round(text.blue() * 0.6 + back.blue() * 0.4),
    )
    palette.setColor(QPalette.ColorRole.WindowText, quiet)
    label.setPalette(palette)
    return label


def wait_after(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong ones in a row: none for
    the first two, then 2, 4, 8… up to a minute (a guesser's tries get slow; a typo does not)."""
    if failures <= FREE_TRIES:
        return 0
    return int(min(LONGEST_WAIT, 2 ** (failures - FREE_TRIES)))


class UnlockScreen(QWidget):
    """Asks for the passphrase or the recovery key; ``unlocked`` once the journal's key is held.

    ``try_keyring``: first try the key this computer remembers (Settings ▸ Privacy), so a
    remembered journal opens without a question."""

    unlocked = Signal()

    def __init__(
        self,
        keys: JournalKeys,
        path: Path,
        parent: QWidget | None = None,
        *,
        schedule: Schedule | None = None,
        try_keyring: bool = False,
        heading: str = "This journal is locked",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockScreen")
        self.keys = keys
        self.path = path
        self.failures = 0
        self._schedule = schedule or self._single_shot
        self._working = False
        self._done = False  # unlocked (``unlocked`` is emitted once)

        title = QLabel(heading)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = plain_label(path.name)  # a file name is any text
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name.setAccessibleName("The journal's file")
        name.setToolTip(str(path))
        mute(name)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText("Passphrase or recovery key")
        self.field.setAccessibleName("Passphrase or recovery key")
        self.field.setMinimumWidth(300)
        self.field.returnPressed.connect(self.try_unlock)
        self.button = QPushButton("Unlock")
        self.button.setDefault(True)
        make_primary(self.button)
        self.button.clicked.connect(self.try_unlock)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy, not a percentage: a key takes a moment to derive
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName("Unlocking")
        self.busy.hide()
        self.message = plain_label()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Unlock message")
        hint = QLabel(
            "Forgotten the passphrase? Type the recovery key you were given when the journal "
            "was encrypted."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(hint)

        card = QWidget()
        card.setMaximumWidth(460)
        column = QVBoxLayout(card)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(name)
        column.addSpacing(8)
        column.addLayout(row)
        column.addWidget(self.busy)
        column.addWidget(self.message)
        column.addSpacing(8)
        column.addWidget(hint)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 4)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(3)
        self.setFocusProxy(self.field)
        if try_keyring:
            QTimer.singleShot(0, self, self._try_keyring)

    def _single_shot(self, msecs: int, callback: Callable[[], None]) -> None:
        QTimer.singleShot(msecs, self, callback)  # dropped if the screen is gone by then

    def _set_working(self, working: bool, message: str = "") -> None:
        self._working = working
        self.field.setEnabled(not working)
        self.button.setEnabled(not working)
        self.busy.setVisible(working)
        self.message.setText(message)
        if not working:
            self.field.setFocus()

    def _try_keyring(self) -> None:
        """Ask the keyring in the background while the field stays open: a keyring can be slow
        to answer (a desktop's secret service), and the user may type meanwhile."""
        self.busy.show()
        keys, path = self.keys, self.path

        def said(message: str) -> None:
            self.busy.setVisible(self._working)
            if not self._working and not self.message.text():
                self.message.setText(message)

        def remembered(opened: bool | None) -> None:
            if opened:
                self._opened()
            elif opened is None:  # nothing remembered here: the user types it
                said("")
            else:
                said("The key this computer remembers no longer fits: type the passphrase.")

        def failed(exc: BaseException) -> None:
            # A keyring that cannot be read is no reason to keep the user out: they type it.
            log.warning("the remembered key could not be read: %s", type(exc).__name__)
            said("The key this computer remembers could not be read: type the passphrase.")

        tasks.run_in_background(
            self,
            lambda _p: keys.unlock_from_keyring(path) if keys.is_remembered(path) else None,
            on_success=remembered,
            on_failure=failed,
        )

    def try_unlock(self) -> None:
        """Derive the key from what was typed, off the GUI thread."""
        secret = self.field.text()
        if self._working or not self.button.isEnabled():
            return
        if not secret.strip():
            self.message.setText("Type the passphrase or the recovery key.")
            return
        self.field.clear()  # not kept in the widget while the key is derived
        self._set_working(True, "Unlocking…")
        keys, path = self.keys, self.path
        tasks.run_in_background(
            self,
            lambda _p: keys.unlock(path, secret),
            on_success=lambda _r: self._opened(),
            on_failure=self._refused,
        )

    def _opened(self) -> None:
        if self._done:  # the keyring and the passphrase both opened it
            return
        self._done = True
        self.failures = 0
        self._set_working(False)
        self.unlocked.emit()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, PlnError):
            self._set_working(False)
            tasks.show_error(self, exc)
            return
        if not isinstance(exc, WrongPassphrase):  # a journal that cannot be read: said as is
            self._set_working(False, exc.message)
            return
        self.failures += 1
        wait = wait_after(self.failures)
        if not wait:
            self._set_working(False, "That passphrase or recovery key does not open this journal.")
            return
        self._set_working(
            False,
            f"That passphrase or recovery key does not open this journal. "
            f"Wait {wait} seconds before the next try.",
        )
        self.field.setEnabled(False)
        self.button.setEnabled(False)
        self._schedule(wait * 1000, self._may_try_again)

    def _may_try_again(self) -> None:
        self.field.setEnabled(True)
        self.button.setEnabled(True)
        self.message.setText("Try again.")
        self.field.setFocus()


class UnlockWindow(QDialog):
    """The unlock screen as the app's first window (an encrypted journal's start). ``typed``:
    a passphrase tried as soon as the screen shows (the bench's, from a file)."""

    def __init__(
        self, keys: JournalKeys, path: Path, *, try_keyring: bool = True, typed: str | None = None
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("PLN Journal")
        self.setObjectName("unlockWindow")
        self.screen_ = UnlockScreen(keys, path, self, try_keyring=try_keyring)
        self.screen_.unlocked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_)
        fit_to_screen(self, 1100, 750)  # the main window's first size: it takes this one's place
        geometry = app_settings().value("window/geometry")  # and where it was last
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.screen_.field.setFocus()
        if typed:
            self.screen_.field.setText(typed)
            QTimer.singleShot(0, self, self.screen_.try_unlock)


def unlock_at_start(keys: JournalKeys, path: Path, *, typed: str | None = None) -> bool:
    """Show the unlock window until the journal's key is held (True) or the window is closed
    (False: the app ends without having read the journal)."""
    window = UnlockWindow(keys, path, try_keyring=not typed, typed=typed)
    return window.exec() == QDialog.DialogCode.Accepted
