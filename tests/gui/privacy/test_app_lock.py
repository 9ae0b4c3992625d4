"""The app lock: idle (or the session locking) saves the text, hides the journal and every
window showing it, drops the key; the passphrase brings it all back, the text included."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from plnjournal.gui.privacy import feature
from plnjournal.gui.privacy.app_lock import IdleWatch, lock_minutes, set_lock_minutes
from tests.gui.privacy.fakes import FakeClock, FakeKeys


def _bodies(db) -> list[str]:
    with db.reading() as conn:
        return [row[0] for row in conn.execute("SELECT body FROM entries")]


def test_idle_locks_after_saving_and_unlocking_brings_the_text_back(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    keys = FakeKeys()
    lock = feature.start_lock(window, keys, interval_ms=60_000, schedule=FakeClock())
    editor = window.journal.editor
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "Written just before I left the desk.")
    assert editor.is_dirty() and _bodies(teaching_db) == []
    lock.idle.set_interval(30)  # the idle minutes, made short
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    lock.idle.set_interval(60_000)  # not locked again at once once unlocked
    # Saved first, then hidden; the key dropped.
    assert _bodies(teaching_db) == ["Written just before I left the desk."]
    assert ("lock",) in keys.calls
    assert window.journal.isHidden() and window.statusBar().isHidden()
    assert not window.menuBar().isEnabled() and window.menuBar().isHidden()
    screen = lock.screen
    assert screen is not None and screen.isVisible()
    assert screen.geometry() == window.rect()
    # Nothing of the journal's text is drawn: every visible label is the lock screen's.
    shown = [w for w in window.findChildren(QLabel) if w.isVisible()]
    assert shown and all(screen.isAncestorOf(w) for w in shown)
    # A wrong passphrase keeps it locked; the right one unlocks.
    screen.field.setText("not it")
    screen.button.click()
    qtbot.waitUntil(lambda: "does not open" in screen.message.text(), timeout=5000)
    assert lock.is_locked()
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        screen.field.setText("correct horse")
        screen.button.click()
    assert not lock.is_locked() and window.journal.isVisible()
    assert window.menuBar().isEnabled() and window.statusBar().isVisible()
    assert editor.body.toPlainText() == "Written just before I left the desk."
    # The journal reads again after the lock closed its connections.
    assert _bodies(teaching_db) == ["Written just before I left the desk."]
    assert lock.idle.timer.isActive()  # counting again


def test_while_locked_the_menus_shortcuts_do_nothing(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    lock = feature.start_lock(window, FakeKeys(), interval_ms=60_000, schedule=FakeClock())
    lock.lock()
    new = window.actions_by_name["new"]
    fired: list[bool] = []
    new.triggered.connect(lambda *_: fired.append(True))
    qtbot.keyClick(lock.screen.field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fired == []


def test_dialogs_are_closed_or_hidden_and_come_back(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    lock = feature.start_lock(window, FakeKeys(), interval_ms=60_000, schedule=FakeClock())
    window.open_search()  # a window of its own, showing reflections
    search = window._search
    question = QDialog(window)
    question.setWindowModality(Qt.WindowModality.WindowModal)
    question.open()
    other = QWidget(window, Qt.WindowType.Window)  # a window of its own (feedback, insights)
    other.show()
    qtbot.waitUntil(lambda: search.isVisible() and question.isVisible() and other.isVisible())
    lock.lock()
    assert not search.isVisible() and not question.isVisible() and not other.isVisible()
    assert question.result() == QDialog.DialogCode.Rejected  # as if cancelled
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        lock.screen.field.setText("correct horse")
        lock.screen.button.click()
    assert search.isVisible() and other.isVisible() and not question.isVisible()


def test_input_restarts_the_idle_count(qtbot) -> None:
    watch = IdleWatch(60_000)
    target = QLabel("here")
    qtbot.addWidget(target)
    watch.start()
    qtbot.wait(60)
    before = watch.timer.remainingTime()
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert watch.timer.remainingTime() > before
    qtbot.wait(60)
    before = watch.timer.remainingTime()
    QApplication.sendEvent(
        target,
        QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(1, 1),
            QPointF(1, 1),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert watch.timer.remainingTime() > before


def test_the_idle_minutes_are_a_setting_of_this_computer() -> None:
    assert lock_minutes() == 10
    set_lock_minutes(25)
    assert lock_minutes() == 25
    set_lock_minutes(0)  # out of range: the shortest allowed
    assert lock_minutes() == 1


def test_a_plain_journal_has_no_lock(qtbot, make_window, teaching_db, monkeypatch) -> None:
    from plnjournal.gui.privacy import keys as keys_module

    fake = FakeKeys(encrypted=False)
    monkeypatch.setattr(keys_module, "journal_keys", lambda: fake)
    window = make_window(teaching_db)
    qtbot.waitUntil(lambda: window.is_loaded, timeout=30_000)
    assert feature.lock_of(window) is None
    assert not window.findChild(type(window.actions_by_name["new"]), "lockAction").isVisible()


def test_an_encrypted_journal_locks_once_loaded(qtbot, teaching_db, monkeypatch) -> None:
    from plnjournal.gui.privacy import keys as keys_module
    from plnjournal.gui.shell.main_window import MainWindow

    fake = FakeKeys()
    monkeypatch.setattr(keys_module, "journal_keys", lambda: fake)
    window = MainWindow(teaching_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        window.show()
    lock = feature.lock_of(window)
    assert lock is not None and lock.idle.timer.interval() == 10 * 60_000
    window.findChild(type(window.actions_by_name["new"]), "lockAction").trigger()
    assert lock.is_locked()
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        lock.screen.field.setText("correct horse")
        lock.screen.button.click()
    window.close()


def test_closing_while_locked_with_unsaved_text_waits_for_the_unlock(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    lock = feature.start_lock(window, FakeKeys(), interval_ms=60_000, schedule=FakeClock())
    lock.lock()
    window.journal.editor.body.insertPlainText("Not saved: a save failed before the lock.")
    assert window.journal.editor.is_dirty()
    assert not window.close()  # refused, and said
    assert "Unlock first" in lock.screen.message.text()
    assert QApplication.clipboard().text() != "Not saved: a save failed before the lock."
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        lock.screen.field.setText("correct horse")
        lock.screen.button.click()
    assert window.close()
    assert _bodies(teaching_db) == ["Not saved: a save failed before the lock."]
