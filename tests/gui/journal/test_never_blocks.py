"""The window never waits for the journal's write lock: another program holding it leaves the
window working, and the user's changes land once the lock is released."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select

from plnjournal.gui.tasks import busy
from plnjournal.storage.models import Commitment, EntrySkill
from plnjournal.values import CommitmentState


def test_changes_wait_for_a_locked_journal_off_the_gui_thread(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    journal = window.journal
    commitments, skills = journal.commitments, journal.skills
    row = commitments.model.rows[0]
    entry_id = journal.editor.entry_id
    skill_id = next(
        sk.id for area in skills.model.areas for sk in area.skills if sk.id not in skills.links()
    )
    other = sqlite3.connect(demo_db.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program writes, holding the lock
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    try:
        commitments.select(row.id)
        commitments.mark_selected_done()  # returns at once: written on the worker
        index = skills.proxy.mapFromSource(skills.model.index_of(skill_id))
        skills.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        # The GUI thread goes on: timers fire, typing shows, while both writes wait.
        qtbot.waitUntil(lambda: len(ticks) >= 30)
        qtbot.keyClicks(journal.editor.body, " Still typing.")
        assert " Still typing." in journal.editor.body.toPlainText()
        assert busy() and not commitments.done_button.isEnabled()
        with demo_db.reading() as conn:  # nothing written yet
            state = conn.execute("SELECT state FROM commitments WHERE id = ?", (row.id,))
            assert state.fetchone()[0] != CommitmentState.DONE.value
    finally:
        timer.stop()
        other.rollback()
        other.close()
    qtbot.waitUntil(lambda: not busy(), timeout=30000)  # the lock released: both land
    assert row.id not in [r.id for r in commitments.model.rows]
    with demo_db.session() as s:
        assert s.get(Commitment, row.id).state == CommitmentState.DONE
        linked = s.scalars(select(EntrySkill.skill_id).where(EntrySkill.entry_id == entry_id))
        assert skill_id in set(linked)
