"""Settings ▸ Privacy: each button makes the storage layer's call, and a new recovery key is
shown once, in a step that cannot be left before the user says it is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from plnjournal.gui.privacy.app_lock import lock_minutes
from plnjournal.gui.privacy.settings_dialog import (
    ChangePassphraseDialog,
    NewRecoveryKeyDialog,
    PrivacyDialog,
)
from tests.gui.privacy.fakes import NEW_RECOVERY, FakeKeys

PATH = Path("/nowhere/journal.sqlite3")


def _dialog(qtbot, keys, **kw):
    kw.setdefault("encrypted", keys.encrypted)
    dialog = PrivacyDialog(keys, PATH, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_change_the_passphrase(qtbot) -> None:
    keys = FakeKeys()
    dialog = ChangePassphraseDialog(keys, PATH)
    qtbot.addWidget(dialog)
    dialog.current.setText("correct horse")
    dialog.new.first.setText("short")
    dialog.new.again.setText("short")
    dialog.change()
    assert "at least 8 characters" in dialog.message.text() and keys.calls == []
    dialog.new.first.setText("battery staple")
    dialog.new.again.setText("battery stapler")
    dialog.change()
    assert "not the same" in dialog.message.text() and keys.calls == []
    dialog.current.setText("wrong one")
    dialog.new.again.setText("battery staple")
    dialog.change()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert "not right" in dialog.message.text() and keys.passphrase == "correct horse"
    dialog.current.setText("correct horse")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.change()
    assert keys.calls[-1] == ("change_passphrase", "correct horse", "battery staple")
    assert keys.passphrase == "battery staple"


def test_a_new_recovery_key_is_shown_once_and_must_be_kept(qtbot) -> None:
    keys = FakeKeys()
    dialog = NewRecoveryKeyDialog(keys, PATH)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("wrong one")
    dialog.ok.click()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert "not right" in dialog.message.text() and dialog.view is None
    dialog.passphrase.setText("correct horse")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=5000)
    assert keys.calls[-1] == ("new_recovery_key", "correct horse")
    assert dialog.view.shown.text() == NEW_RECOVERY and dialog.passphrase.text() == ""
    assert not dialog.ok.isEnabled()
    dialog.reject()  # Escape or the close button: the only copy is on screen
    assert dialog.isVisible()
    dialog.view.kept.setChecked(True)
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    assert keys.calls.count(("new_recovery_key", "correct horse")) == 1


def test_remembering_reads_then_writes_the_keyring(qtbot) -> None:
    keys = FakeKeys(remembered=False)
    dialog = _dialog(qtbot, keys)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5000)
    assert not dialog.remember.isChecked() and keys.calls == []
    dialog.remember.setChecked(True)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5000)
    assert keys.calls == [("remember", "True")] and keys.remembered
    assert dialog.message.text() == "The key is remembered on this computer."
    dialog.remember.setChecked(False)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5000)
    assert keys.calls[-1] == ("remember", "False") and not keys.remembered


def test_a_keyring_that_refuses_puts_the_box_back(qtbot) -> None:
    from plnjournal.errors import PlnError

    keys = FakeKeys()

    def refuse(path, on):
        raise PlnError("no keyring is available on this computer")

    keys.remember = refuse
    dialog = _dialog(qtbot, keys)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5000)
    dialog.remember.setChecked(True)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=5000)
    assert not dialog.remember.isChecked()
    assert dialog.message.text() == "no keyring is available on this computer"


def test_the_lock_minutes_and_lock_now(qtbot) -> None:
    keys = FakeKeys()
    intervals: list[int] = []
    locked: list[bool] = []
    dialog = _dialog(
        qtbot, keys, lock_now=lambda: locked.append(True), minutes_changed=intervals.append
    )
    assert dialog.minutes.value() == 10
    dialog.minutes.setValue(3)
    assert intervals == [3] and lock_minutes() == 3
    dialog.lock_button.click()
    assert locked == [True] and dialog.result() == QDialog.DialogCode.Accepted


def test_a_plain_journal_says_so_and_offers_no_key_buttons(qtbot) -> None:
    keys = FakeKeys(encrypted=False)
    dialog = _dialog(qtbot, keys)
    assert not dialog.change_button.isVisibleTo(dialog)
    assert not dialog.remember.isVisibleTo(dialog)
    assert not dialog.lock_button.isEnabled()
    assert keys.calls == []
