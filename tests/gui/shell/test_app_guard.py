"""Opening the journal in the window: a damaged journal offers its newest sound backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from plnjournal.core.journal.entries import add_entry
from plnjournal.gui.shell.app_guard import open_journal_or_explain
from plnjournal.storage.backup import backup_infos, make_backup
from tests.gui.modal import answer_next_question


def _journal_with_backup(db) -> bytes:
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 1), title="safe in the backup", body="")
    make_backup(db.path, "daily", now=dt.datetime(2026, 11, 27, 8, 0))
    db.close()
    data = bytearray(db.path.read_bytes())
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = 0xA5
    db.path.write_bytes(bytes(data))
    return bytes(data)


def test_damaged_journal_offers_the_backup_and_restores_it(qtbot, db) -> None:
    damaged = _journal_with_backup(db)
    seen: list = []
    answer_next_question("Restore the backup", seen)
    opened = open_journal_or_explain(db.path)
    assert opened is not None
    try:
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT title FROM entries").scalars().all() == [
                "safe in the backup"
            ]
    finally:
        opened.close()
    assert "Friday 27 November 2026 at 08:00" in seen[0]
    kept = list(db.path.parent.glob("journal.sqlite3.damaged-*"))
    assert [p.read_bytes() for p in kept if not p.name.endswith(("-wal", "-shm"))] == [damaged]


def test_quit_leaves_the_damaged_file_untouched(qtbot, db) -> None:
    damaged = _journal_with_backup(db)
    answer_next_question("Quit")
    assert open_journal_or_explain(db.path) is None
    assert db.path.read_bytes() == damaged
    assert len(backup_infos(db.path)) == 1


def test_other_problems_are_explained(qtbot, tmp_path: Path) -> None:
    seen: list = []
    answer_next_question("OK", seen)
    assert open_journal_or_explain(tmp_path) is None  # a folder, not a journal file
    assert "is a folder" in seen[0]


def test_newer_version_is_explained_and_untouched(qtbot, db) -> None:
    db.close()
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = db.path.read_bytes()
    seen: list = []
    answer_next_question("OK", seen)
    assert open_journal_or_explain(db.path) is None
    assert "newer version" in seen[0]
    assert db.path.read_bytes() == before


def test_the_daily_backup_is_made_off_the_gui_thread(qtbot, teaching_db) -> None:
    from PySide6.QtWidgets import QMainWindow

    from plnjournal.gui.shell.app_guard import AppGuard
    from plnjournal.gui.tasks import wait_for_background_work

    window = QMainWindow()
    window.db = teaching_db
    qtbot.addWidget(window)
    guard = AppGuard(teaching_db.path)
    try:
        guard.protect(window)
        qtbot.waitUntil(lambda: [b.kind for b in backup_infos(teaching_db.path)] == ["daily"])
    finally:
        guard.close()
    assert wait_for_background_work()


def test_a_failed_daily_backup_is_a_status_message(qtbot, teaching_db) -> None:
    from PySide6.QtWidgets import QMainWindow

    from plnjournal.gui.shell.app_guard import start_daily_backup
    from plnjournal.paths import backup_dir

    backup_dir(teaching_db.path).write_text("a file where the backups folder should be")
    window = QMainWindow()
    window.db = teaching_db
    messages: list[str] = []
    window.show_message = messages.append
    qtbot.addWidget(window)
    start_daily_backup(window, teaching_db)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[0].startswith("Today's automatic backup was not made: could not back up")


def test_a_launch_claims_the_journal_before_any_dialog(qtbot, db_path: Path) -> None:
    """The first launch claims the journal at once and answers before its first-start (or
    damaged-journal) dialog, so a second launch meanwhile never opens a second window."""
    from plnjournal.gui.shell.app_guard import AppGuard

    first = AppGuard(db_path)
    try:
        assert not first.already_running()
        first.answer_launches()  # what run_gui does before the first-start dialog
        with qtbot.waitSignal(first.instance.raise_requested, timeout=5000):
            assert AppGuard(db_path).already_running()
    finally:
        first.close()


def test_a_launch_the_open_window_never_answers_says_so(qtbot, db_path: Path, monkeypatch) -> None:
    from plnjournal.gui.shell import single_instance
    from plnjournal.gui.shell.app_guard import AppGuard

    monkeypatch.setattr(single_instance, "KNOCK_SECONDS", 0.2)
    first = AppGuard(db_path)
    try:
        assert not first.already_running()  # holds the journal, not listening (a hung app)
        seen: list[str] = []
        answer_next_question("OK", seen)
        assert AppGuard(db_path).already_running()  # still never a second window
        assert "open in another PLN Journal window" in seen[0]
    finally:
        first.close()


def test_a_damaged_journal_is_explained_after_the_launch_answers(qtbot, db, monkeypatch) -> None:
    """The damaged-journal question may stay open a long time: later launches bring it
    forward, so the server starts before it is asked."""
    _journal_with_backup(db)
    order: list[str] = []
    answer_next_question("Quit", order)
    assert open_journal_or_explain(db.path, before_asking=lambda: order.append("listening")) is None
    assert order[0] == "listening" and "damaged" in order[1]


def test_damage_found_by_the_check_started_before_qt_is_explained(qtbot, db) -> None:
    """run_gui starts the whole-file check while Qt loads; what it finds is said the same way."""
    from plnjournal.storage.sqlite_file import QuickCheck

    with db.session() as s:
        for i in range(300):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=i)
            add_entry(s, entry_date=day, title=f"day {i}", body="word " * 200)
    db.close()
    data = bytearray(db.path.read_bytes())
    for i in range(len(data) - 4096 * 3, len(data) - 4096 * 2):
        data[i] = 0xA5
    db.path.write_bytes(bytes(data))
    seen: list = []
    answer_next_question("OK", seen)
    assert open_journal_or_explain(db.path, quick_check=QuickCheck.start(db.path)) is None
    assert "damaged" in seen[0]
    assert db.path.read_bytes() == bytes(data)
