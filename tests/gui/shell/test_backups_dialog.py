"""File ▸ Backups…: the list, "Back up now", and a confirmed restore the window picks up."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt

from plnjournal.core.journal.entries import add_entry
from plnjournal.gui.shell.backups_dialog import BackupListModel, BackupsDialog
from plnjournal.storage.backup import backup_infos, make_backup
from tests.gui.modal import answer_next_question


def _add(db, title: str) -> None:
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 1), title=title, body="")


def _titles(db) -> list[str]:
    conn = sqlite3.connect(db.path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM entries ORDER BY id")]
    finally:
        conn.close()


def test_model_lists_backups_newest_first(qtmodeltester, db) -> None:
    _add(db, "x")
    make_backup(db.path, "daily", now=dt.datetime(2026, 11, 27, 8, 0))
    make_backup(db.path, "before-feedback-import", now=dt.datetime(2026, 11, 28, 9, 15))
    model = BackupListModel(db.path)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = [model.index(0, c).data() for c in range(3)]
    assert first[0] == "Sat 28 Nov 2026, 09:15"
    assert first[1] == "Before a feedback import"
    assert first[2].endswith("KB")
    assert model.index(1, BackupListModel.KIND).data() == "Daily"


def test_empty_list_says_so_and_back_up_now_fills_it(qtbot, db) -> None:
    _add(db, "x")
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert not dialog.empty.isVisible() and dialog.restore_button.isEnabled()
    assert [b.kind for b in backup_infos(db.path)] == ["manual"]
    assert "Backed up" in dialog.status.text()


def test_cancel_leaves_the_journal_alone(qtbot, db) -> None:
    _add(db, "kept")
    make_backup(db.path, "manual")
    _add(db, "also kept")
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    answer_next_question("Cancel")
    dialog.restore_selected()
    assert _titles(db) == ["kept", "also kept"]
    assert len(backup_infos(db.path)) == 1


def test_restore_from_the_main_window(qtbot, db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    _add(db, "in the backup")
    make_backup(db.path, "daily", now=dt.datetime(2026, 11, 27, 8, 0))
    _add(db, "written since")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    (action,) = [a for a in window.menu("file").actions() if a.objectName() == "backupsAction"]
    action.trigger()
    dialog = window.findChild(BackupsDialog)
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.model.rowCount() == 1
    answer_next_question("Restore")
    with qtbot.waitSignal(window.data_changed, timeout=10000) as changed:
        dialog.restore_button.click()
    assert {"entries", "skills", "feedback"} <= changed.args[0]
    assert _titles(db) == ["in the backup"]
    # The open journal goes on working on the restored content.
    _add(db, "after the restore")
    assert _titles(db) == ["in the backup", "after the restore"]
    kinds = [b.kind for b in backup_infos(db.path)]
    assert "before-restore" in kinds and dialog.model.rowCount() == len(kinds)
    assert "Restored" in dialog.status.text()
