"""Marking a reflection as a highlight from the window: the editor's star button, Journal ▸
Highlight (Ctrl+H), stored in the journal, a star in the day's list; and the day's list reads
Markdown as plain text (issue 21, items 5 and 12)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from plnjournal.gui.html_delegate import HTML_ROLE
from plnjournal.gui.journal.entry_list import DayEntriesModel, EntryRow, _first_words
from plnjournal.storage.models import Entry


def _highlight(db, entry_id: int) -> bool:
    with db.session() as s:
        return s.get(Entry, entry_id).highlight


def test_highlight_is_marked_from_the_window_stored_and_starred(qtbot, make_window, demo_db):
    window = make_window(demo_db)
    journal, action = window.journal, window.actions_by_name["highlight"]
    assert action.shortcut().toString() == "Ctrl+H" and action in window.menu("journal").actions()
    entry_id = journal.editor.entry_id
    assert entry_id is not None and not _highlight(demo_db, entry_id)
    assert not action.isChecked() and journal.editor.highlight.text() == "☆ Highlight"
    journal.editor.body.setFocus()
    QTest.keyClick(journal.editor.body, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert journal.editor.highlight.isChecked() and action.isChecked()
    assert journal.editor.highlight.text() == "★ Highlight"
    qtbot.waitUntil(lambda: _highlight(demo_db, entry_id), timeout=10_000)
    row = journal.entries.model.row_of(entry_id)
    qtbot.waitUntil(lambda: journal.entries.model.rows[row].highlight, timeout=10_000)
    index = journal.entries.model.index(row)
    assert index.data().startswith("★ ") and "★" in index.data(HTML_ROLE)
    assert "highlight" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    journal.editor.highlight.click()  # the button takes it back
    assert not action.isChecked()
    qtbot.waitUntil(lambda: not _highlight(demo_db, entry_id), timeout=10_000)


def test_day_list_rows_show_markdown_as_plain_text(qtbot) -> None:
    body = "## What?\n**What went well?** The _calm_ start. [notes](https://example.org)"
    model = DayEntriesModel()
    model.set_rows([EntryRow(1, dt.time(9), "", _first_words(body), 9, False, 0)])
    shown = model.index(0).data() + model.index(0).data(HTML_ROLE)
    for raw in ("**", "##", "_calm_", "](", "https"):
        assert raw not in shown
    assert "What?" in shown
    assert _first_words("**What went well?** " + "calm " * 30, 30).endswith("…")
