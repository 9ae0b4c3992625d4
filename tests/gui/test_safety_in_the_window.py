"""The safety features with the real journaling window: a crash keeps the text being typed and
autosave goes on; a restore first saves what is in the editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import select

from plnjournal.gui.shell.backups_dialog import BackupsDialog, reload_after_restore
from plnjournal.gui.shell.crash_handler import install_crash_handler
from plnjournal.storage.backup import backup_infos, make_backup
from plnjournal.storage.models import Entry
from tests.gui.modal import answer_next_question


def _bodies(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Entry.body).order_by(Entry.id)))


def _boom() -> None:
    raise RuntimeError("a bug somewhere in a view")


@pytest.mark.qt_no_exception_capture
def test_a_crash_while_writing_keeps_the_text_and_autosave_goes_on(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    body = window.journal.editor.body
    handler = install_crash_handler(window)
    try:
        qtbot.keyClicks(body, "Before the bug.")
        QTimer.singleShot(0, _boom)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
        assert window.isVisible()
        assert body.toPlainText() == "Before the bug."
        qtbot.keyClicks(body, " After it.")
        qtbot.waitUntil(lambda: _bodies(teaching_db) == ["Before the bug. After it."])
    finally:
        handler.uninstall()
        if handler.dialog is not None:
            handler.dialog.close()


def test_a_restore_saves_the_text_in_the_editor_first(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    make_backup(teaching_db.path, "manual")  # an empty journal, before today's writing
    body = window.journal.editor.body
    qtbot.keyClicks(body, "Typed just now, not yet autosaved.")
    dialog = BackupsDialog(
        teaching_db,
        window,
        before_restore=window.journal.flush,
        after_restore=lambda: reload_after_restore(window),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    answer_next_question("Restore")
    dialog.restore_selected()
    qtbot.waitUntil(lambda: "Restored" in dialog.status.text(), timeout=20000)
    (saved,) = [b for b in backup_infos(teaching_db.path) if b.kind == "before-restore"]
    # What was typed a moment before the restore is in the journal saved before it…
    assert _texts(saved.path) == ["Typed just now, not yet autosaved."]
    # …and the journal is now the (empty) backup, which the window shows.
    assert _bodies(teaching_db) == []
    qtbot.waitUntil(lambda: window.journal.entries.model.rowCount() == 0)
    # The editor no longer shows a reflection the restored journal does not have.
    assert window.journal.editor.entry_id is None and body.toPlainText() == ""


def _texts(path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return [(t + " " + b).strip() for t, b in conn.execute("SELECT title, body FROM entries")]
    finally:
        conn.close()
