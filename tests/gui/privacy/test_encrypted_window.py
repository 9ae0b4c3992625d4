"""End to end with the storage layer's real encryption: a journal encrypted, the window
started on it (the unlock screen first), written in, locked and unlocked again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from plnjournal.errors import JournalLocked
from plnjournal.gui.privacy import feature
from plnjournal.gui.privacy import keys as keys_module
from plnjournal.gui.privacy.unlock_screen import UnlockWindow
from plnjournal.gui.shell import app, first_start
from plnjournal.gui.shell.main_window import MainWindow
from plnjournal.storage import encryption
from plnjournal.storage.db import open_database
from plnjournal.storage.key_wrap import FAST_KDF_ENV
from tests.conftest import TODAY

PASSPHRASE = "a passphrase for tests"


@pytest.fixture
def encrypted_path(teaching_db, monkeypatch):
    """The teaching journal, encrypted (with the fast key derivation tests use) and locked,
    as a new process finds it; the window uses the real keys."""
    monkeypatch.setenv(FAST_KDF_ENV, "1")
    first_start.mark_done(teaching_db)
    path = teaching_db.path
    teaching_db.close()
    recovery = encryption.encrypt(path, PASSPHRASE)
    assert recovery
    encryption.lock(path)
    monkeypatch.setattr(keys_module, "journal_keys", keys_module.StorageKeys)
    yield path
    encryption.lock(path)


def _tops(kind, before=()):
    """The visible windows of ``kind``, leaving out those open before (another test's)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.isVisible() and all(w is not b for b in before)
    ]


def test_the_window_starts_at_the_unlock_screen_and_opens_the_journal(qtbot, encrypted_path):
    seen: dict[str, object] = {}
    before = QApplication.topLevelWidgets()

    def at_the_unlock_screen() -> None:
        unlock = _tops(UnlockWindow, before)
        if not unlock:
            QTimer.singleShot(20, at_the_unlock_screen)
            return
        seen["locked"] = not encryption.is_unlocked(encrypted_path)
        screen = unlock[0].screen_
        screen.field.setText("not the passphrase")
        screen.button.click()
        QTimer.singleShot(20, lambda: then_right(screen))

    def then_right(screen) -> None:
        if "does not open" not in screen.message.text():
            QTimer.singleShot(20, lambda: then_right(screen))
            return
        seen["wrong said"] = True
        screen.field.setText(PASSPHRASE)
        screen.button.click()
        QTimer.singleShot(20, in_the_window)

    def in_the_window() -> None:
        windows = _tops(MainWindow, before)
        if not windows:
            QTimer.singleShot(20, in_the_window)
            return
        window = windows[0]
        seen["skills"] = window.journal.skills.model is not None
        window.close()

    QTimer.singleShot(0, at_the_unlock_screen)
    assert app.run_gui(encrypted_path) == 0
    assert seen == {"locked": True, "wrong said": True, "skills": True}


def test_the_app_lock_saves_drops_the_key_and_unlocks(qtbot, encrypted_path):
    encryption.unlock(encrypted_path, PASSPHRASE)
    db = open_database(encrypted_path)
    window = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        window.show()
    lock = feature.lock_of(window)
    assert lock is not None  # an encrypted journal locks
    window.journal.editor.body.insertPlainText("Kept through the lock.")
    lock.lock()
    assert not encryption.is_unlocked(encrypted_path)
    with pytest.raises(JournalLocked), db.session() as s:
        s.connection()
    with qtbot.waitSignal(lock.unlocked, timeout=30_000):
        lock.screen.field.setText(PASSPHRASE)
        lock.screen.button.click()
    with db.reading() as conn:
        assert conn.execute("SELECT body FROM entries").fetchall() == [("Kept through the lock.",)]
    assert window.journal.editor.body.toPlainText() == "Kept through the lock."
    window.close()
    db.close()


@pytest.mark.slow
def test_the_encrypted_start_stays_light(encrypted_path, tmp_path) -> None:
    """The real start on an encrypted journal, through the unlock screen (the passphrase typed
    from its file, as the bench does), up to the window ready for typing: only the cipher and
    the key derivation are added to what a plain start loads, never SQLAlchemy."""
    import os
    import re
    import subprocess
    import sys

    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    env |= {
        "PLNJOURNAL_HOME": str(tmp_path / "home"),
        "PLNJOURNAL_BENCH_READY": "1",
        "PLNJOURNAL_PASSPHRASE_FILE": str(secret),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(encrypted_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r"PLNJOURNAL_BENCH_READY \S+ cpu=\S+ maxrss_kb=\d+ heavy=(\S*)", done.stdout)
    assert found, done.stdout + done.stderr[-2000:]
    assert set(found.group(1).split(",")) == {"sqlcipher3", "cryptography"}
    assert done.returncode == 0


def test_the_daily_reminder_waits_while_the_window_is_locked(qtbot, encrypted_path) -> None:
    import datetime as dt

    from plnjournal.gui.shell.reminder import DailyReminder

    encryption.unlock(encrypted_path, PASSPHRASE)
    db = open_database(encrypted_path)
    window = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(window)
    lock = feature.start_lock(window, keys_module.StorageKeys(), interval_ms=600_000)
    clock = [dt.datetime(2026, 12, 5, 17, 0)]
    daily = DailyReminder(db, window, now=lambda: clock[0], load=False)
    daily.set_time(dt.time(18, 0))
    reminded: list[str] = []
    daily.reminded.connect(reminded.append)
    lock.lock()
    clock[0] = dt.datetime(2026, 12, 5, 18, 1)
    assert daily.check() is False  # the journal cannot be read: no error, asked again later
    with qtbot.waitSignal(lock.unlocked, timeout=30_000):
        lock.screen.field.setText(PASSPHRASE)
        lock.screen.button.click()
    assert daily.check() is True and len(reminded) == 1
    window.close()
    db.close()


def test_a_new_journal_is_encrypted_at_its_first_start(qtbot, tmp_path, monkeypatch) -> None:
    """The welcome dialog's offer, with the real encryption: the plain file is replaced, the
    recovery key shown, and the window opens on the encrypted journal."""
    from plnjournal.storage import keys as storage_keys

    monkeypatch.setenv(FAST_KDF_ENV, "1")
    monkeypatch.setattr(keys_module, "journal_keys", keys_module.StorageKeys)
    path = tmp_path / "new.sqlite3"
    seen: dict[str, object] = {}
    before = QApplication.topLevelWidgets()

    def at_the_welcome() -> None:
        dialogs = _tops(first_start.FirstStartDialog, before)
        if not dialogs:
            QTimer.singleShot(20, at_the_welcome)
            return
        dialog = dialogs[0]
        dialog.choose(first_start.EMPTY)
        dialog.offer.first.setText(PASSPHRASE)
        dialog.offer.again.setText(PASSPHRASE)
        dialog.accept()
        QTimer.singleShot(20, lambda: at_the_key(dialog))

    def at_the_key(dialog) -> None:
        if dialog.key_step is None:
            QTimer.singleShot(20, lambda: at_the_key(dialog))
            return
        seen["key"] = dialog.key_step.view.key
        dialog.key_step.view.kept.setChecked(True)
        dialog.key_step.continue_button.click()
        QTimer.singleShot(20, in_the_window)

    def in_the_window() -> None:
        windows = _tops(MainWindow, before)
        if not windows:
            QTimer.singleShot(20, in_the_window)
            return
        seen["encrypted"] = storage_keys.is_encrypted(windows[0].db.path)
        windows[0].close()

    QTimer.singleShot(0, at_the_welcome)
    try:
        assert app.run_gui(path) == 0
    finally:
        encryption.lock(path)
    assert seen["encrypted"] is True
    assert not path.read_bytes().startswith(b"SQLite format 3")
    encryption.unlock(path, str(seen["key"]))  # the key shown opens it
    db = open_database(path)
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM frameworks").fetchone() == (1,)
    db.close()
    encryption.lock(path)
