"""The first start offers to encrypt the new journal (recommended); the recovery key is its
last step, and the window's start opens the encrypted journal afresh."""

from __future__ import annotations

from plnjournal.core.journal.days import needs_first_start
from plnjournal.core.skills.lookup import active_framework
from plnjournal.gui.shell import first_start
from tests.gui.privacy.fakes import RECOVERY, FakeKeys


def _dialog(qtbot, db, keys):
    dialog = first_start.FirstStartDialog(db, keys=keys)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_encrypting_is_offered_and_the_recovery_key_must_be_kept(qtbot, db) -> None:
    keys = FakeKeys(encrypted=False)
    dialog = _dialog(qtbot, db, keys)
    assert dialog.offer is not None and dialog.offer.wanted()  # recommended: ticked
    dialog.choose(first_start.EMPTY)
    dialog.accept()  # no passphrase yet: said, nothing written
    assert "Choose a passphrase" in dialog.offer.problem_label.text()
    assert needs_first_start(db) and keys.calls == []
    dialog.offer.first.setText("a long passphrase")
    dialog.offer.again.setText("a long passphrase")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.key_step is not None, timeout=10_000)
    assert keys.calls == [("encrypt", "a long passphrase")]
    assert dialog.encrypted and dialog.offer.first.text() == ""
    assert dialog.key_step.view.shown.text() == RECOVERY
    assert "nobody can open the journal again" in dialog.key_step.view.findChildren(
        type(dialog.key_step.view.shown)
    )[-1].text() or any(
        "nobody can open the journal again" in label.text()
        for label in dialog.key_step.view.findChildren(type(dialog.key_step.view.shown))
    )
    dialog.reject()  # closing is refused while the only copy of the key is on screen
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.key_step.continue_button.isEnabled()
    dialog.key_step.view.kept.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.key_step.continue_button.click()
    with db.session() as s:  # written before the journal was encrypted (the fake leaves it)
        assert active_framework(s) is not None
    assert not needs_first_start(db)


def test_a_plain_journal_when_the_offer_is_declined(qtbot, db) -> None:
    keys = FakeKeys(encrypted=False)
    dialog = _dialog(qtbot, db, keys)
    dialog.offer.choice.setChecked(False)
    assert not dialog.offer.details.isEnabled()
    dialog.choose(first_start.EMPTY)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.accept()
    assert keys.calls == [] and not dialog.encrypted


def test_a_failed_encryption_keeps_the_choice_and_can_be_tried_again(
    qtbot, db, monkeypatch
) -> None:
    from plnjournal.errors import StorageError
    from plnjournal.gui.shell import first_start as module

    shown: list[str] = []
    monkeypatch.setattr(module, "show_error", lambda _p, exc, *_a: shown.append(str(exc)))
    keys = FakeKeys(encrypted=False)
    real_encrypt = keys.encrypt

    def full_disk(path, passphrase):
        raise StorageError("the disk is full")

    keys.encrypt = full_disk
    dialog = _dialog(qtbot, db, keys)
    dialog.choose(first_start.EMPTY)
    dialog.offer.first.setText("a long passphrase")
    dialog.offer.again.setText("a long passphrase")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == ["the disk is full"] and dialog.isEnabled() and dialog.key_step is None
    keys.encrypt = real_encrypt
    dialog.accept()  # the framework is not installed twice: only the encryption is tried
    qtbot.waitUntil(lambda: dialog.key_step is not None, timeout=10_000)
    with db.session() as s:
        assert active_framework(s) is not None
    dialog.key_step.view.kept.setChecked(True)  # else it refuses to close after the test
