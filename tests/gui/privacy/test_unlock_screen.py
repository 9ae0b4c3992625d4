"""The unlock screen: a wrong passphrase is said; from the third on, each try waits longer."""

from __future__ import annotations

from plnjournal.gui.privacy.unlock_screen import UnlockScreen, wait_after
from tests.gui.privacy.fakes import RECOVERY, FakeClock, FakeKeys


def _screen(qtbot, keys, clock=None, **kw):
    screen = UnlockScreen(keys, keys_path(), schedule=clock, **kw)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def keys_path():
    from pathlib import Path

    return Path("/nowhere/journal.sqlite3")


def _try(qtbot, screen, secret: str) -> None:
    screen.field.setText(secret)
    screen.button.click()
    assert screen.field.text() == ""  # not kept in the field while the key is derived
    qtbot.waitUntil(lambda: not screen._working, timeout=5000)


def test_the_waits_grow_from_the_third_wrong_try() -> None:
    assert [wait_after(n) for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 32, 60]
    assert wait_after(30) == 60


def test_wrong_passphrases_are_said_then_slowed(qtbot) -> None:
    keys, clock = FakeKeys(), FakeClock()
    screen = _screen(qtbot, keys, clock)
    unlocked: list[bool] = []
    screen.unlocked.connect(lambda: unlocked.append(True))
    for _ in range(2):
        _try(qtbot, screen, "wrong guess")
        assert "does not open this journal" in screen.message.text()
        assert screen.button.isEnabled() and screen.field.isEnabled()
    assert clock.waits == []
    _try(qtbot, screen, "wrong guess")
    assert clock.waits == [2000]
    assert "Wait 2 seconds" in screen.message.text()
    assert not screen.button.isEnabled() and not screen.field.isEnabled()
    screen.field.setText("correct horse")
    screen.try_unlock()  # refused while waiting: nothing is tried
    assert keys.calls.count(("unlock", "correct horse")) == 0
    clock.fire()
    assert screen.button.isEnabled() and screen.field.isEnabled()
    _try(qtbot, screen, "wrong again")
    assert clock.waits == [2000, 4000]
    clock.fire()
    _try(qtbot, screen, "correct horse")
    assert unlocked == [True] and keys.unlocked
    assert screen.failures == 0


def test_the_recovery_key_unlocks_too(qtbot) -> None:
    keys = FakeKeys()
    screen = _screen(qtbot, keys, FakeClock())
    with qtbot.waitSignal(screen.unlocked, timeout=5000):
        screen.field.setText(RECOVERY)
        screen.field.returnPressed.emit()


def test_an_empty_field_is_not_tried(qtbot) -> None:
    keys = FakeKeys()
    screen = _screen(qtbot, keys, FakeClock())
    screen.try_unlock()
    assert keys.calls == [] and "Type the passphrase" in screen.message.text()


def test_a_remembered_key_opens_without_a_question(qtbot) -> None:
    keys = FakeKeys(remembered=True)
    screen = UnlockScreen(keys, keys_path(), try_keyring=True)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.unlocked, timeout=5000):
        screen.show()
    assert keys.calls == [("unlock_from_keyring",)]


def test_a_forgotten_key_asks_for_the_passphrase(qtbot) -> None:
    keys = FakeKeys(remembered=False)
    screen = UnlockScreen(keys, keys_path(), try_keyring=True)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.field.isEnabled() and not screen._working, timeout=5000)
    assert not keys.unlocked and keys.calls == []  # nothing remembered: nothing tried
    assert screen.message.text() == ""


def test_a_slow_keyring_never_keeps_the_user_from_typing(qtbot) -> None:
    import threading

    keys = FakeKeys(remembered=True)
    answer = threading.Event()
    asked = keys.is_remembered

    def slow(path):
        answer.wait(10)
        return asked(path)

    keys.is_remembered = slow
    screen = UnlockScreen(keys, keys_path(), try_keyring=True, schedule=FakeClock())
    qtbot.addWidget(screen)
    unlocked: list[bool] = []
    screen.unlocked.connect(lambda: unlocked.append(True))
    screen.show()
    qtbot.waitUntil(screen.busy.isVisible)
    assert screen.field.isEnabled()  # the keyring has not answered: typing goes on
    _try(qtbot, screen, "correct horse")
    assert unlocked == [True]
    answer.set()  # the keyring's answer comes later: the screen says "unlocked" once only
    from plnjournal.gui.tasks import wait_for_background_work

    wait_for_background_work()
    qtbot.waitUntil(lambda: ("unlock_from_keyring",) in keys.calls)
    qtbot.wait(50)
    assert unlocked == [True]
