"""Writing in the journaling window: typing, autosave, days, several entries, closing, formatting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from sqlalchemy import select

from plnjournal.storage.models import Entry
from tests.conftest import TODAY


def _bodies(db, day=None) -> list[str]:
    with db.session() as s:
        stmt = select(Entry.body).order_by(Entry.id)
        if day is not None:
            stmt = stmt.where(Entry.entry_date == day)
        return list(s.scalars(stmt))


def test_opens_on_today_ready_for_typing_and_autosaves(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    assert journal.day == TODAY and journal.editor.day == TODAY
    assert window.focusWidget() is journal.editor.body
    assert journal.editor.entry_id is None  # opening a day writes nothing
    assert _bodies(teaching_db) == []
    qtbot.keyClicks(journal.editor.body, "Parents evening went better than I feared.")
    assert journal.editor.status_text() == "Saving…"
    qtbot.waitUntil(lambda: _bodies(teaching_db) == ["Parents evening went better than I feared."])
    qtbot.waitUntil(lambda: journal.editor.status_text() == "Saved")
    assert journal.calendar.marked_days() >= {TODAY}
    assert journal.entries.model.rowCount() == 1
    assert journal.editor.words.text() == "7 words"


def test_switching_days_saves_at_once_and_days_keep_their_entries(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    qtbot.keyClicks(journal.editor.body, "Today's text")
    window.actions_by_name["previous_day"].trigger()  # Alt+Left
    assert _bodies(teaching_db, TODAY) == ["Today's text"]  # saved on leaving, no wait
    assert journal.day == TODAY - dt.timedelta(days=1)
    assert journal.editor.body.toPlainText() == ""
    qtbot.keyClicks(journal.editor.body, "Yesterday's text")
    window.actions_by_name["next_day"].trigger()
    assert journal.editor.body.toPlainText() == "Today's text"
    assert _bodies(teaching_db, TODAY - dt.timedelta(days=1)) == ["Yesterday's text"]
    window.actions_by_name["previous_day"].trigger()
    window.actions_by_name["today"].trigger()
    assert journal.day == TODAY


def test_keyboard_shortcuts_reach_the_window_from_the_editor(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    body = journal.editor.body
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert journal.day == TODAY - dt.timedelta(days=1)
    qtbot.keyClick(body, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert journal.day == TODAY
    qtbot.keyClicks(body, "word")
    qtbot.keyClick(body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body.toPlainText() == "**word**"
    # The bold word stays selected; Ctrl+K makes it a link (not X11's delete-to-end-of-line).
    qtbot.keyClick(body, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert body.toPlainText() == "**[word](https://)**"
    qtbot.keyClick(body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _bodies(teaching_db) == ["**[word](https://)**"])  # on the worker
    qtbot.waitUntil(lambda: window.status_text.text() == "Saved.")
    qtbot.keyClick(body, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert journal.editor.preview_visible()


def test_several_entries_a_day_and_close_saves_without_asking(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    qtbot.keyClicks(journal.editor.body, "Morning")
    window.actions_by_name["new"].trigger()  # Ctrl+N
    assert journal.editor.entry_id is None and journal.editor.body.toPlainText() == ""
    qtbot.keyClicks(journal.editor.body, "Evening, typed just before closing")
    window.close()  # no dialog, no wait for the debounce
    assert _bodies(teaching_db, TODAY) == ["Morning", "Evening, typed just before closing"]


def test_choosing_entries_of_the_day_and_a_title(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    journal = window.journal
    rows = journal.entries.model.rows
    assert len(rows) >= 2 and journal.editor.entry_id == rows[-1].entry_id
    journal.entries.view.setCurrentIndex(journal.entries.model.index(0))
    assert journal.editor.entry_id == rows[0].entry_id
    journal.editor.title.setFocus()
    journal.editor.title.selectAll()
    qtbot.keyClicks(journal.editor.title, "A better title")
    journal.editor.body.setFocus()  # focus leaving the title saves it (on the write worker)
    qtbot.waitUntil(lambda: journal.entries.model.rows[0].title == "A better title")
    with demo_db.session() as s:
        assert s.get(Entry, rows[0].entry_id).title == "A better title"
    assert journal.entries.model.rows[0].title == "A better title"


def test_formatting_commands_write_markdown(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    body = window.journal.editor.body
    qtbot.keyClicks(body, "first")
    window.actions_by_name["heading"].trigger()
    assert body.toPlainText() == "## first"
    window.actions_by_name["heading"].trigger()
    assert body.toPlainText() == "first"
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "item")
    window.actions_by_name["list"].trigger()
    qtbot.keyClick(body, Qt.Key.Key_Return)  # Enter continues the list
    qtbot.keyClicks(body, "next")
    assert body.toPlainText() == "first\n- item\n- next"
    window.actions_by_name["italic"].trigger()
    qtbot.keyClicks(body, "x")
    assert body.toPlainText().endswith("- next_x_")


def test_reflection_models_insert_sections_and_hard_conversation_comes_in_two_sittings(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    editor = window.journal.editor
    box = editor.model_box
    gibbs = box.findData("gibbs")
    box.setCurrentIndex(gibbs)
    box.activated.emit(gibbs)
    text = editor.body.toPlainText()
    assert text.startswith("## Description\n\n> What happened")
    assert "## Action plan" in text
    qtbot.keyClicks(editor.body, "It was period 5.")
    assert "> What happened, step by step?" in editor.body.toPlainText()
    editor.flush()
    with teaching_db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert entry.reflection_model == "gibbs"
        description = entry.body.split("## Feelings")[0]
        assert description.rstrip().endswith("It was period 5.")
    window.actions_by_name["new"].trigger()
    hard = box.findData("hard_conversation")
    box.activated.emit(hard)
    assert "## Prepare" in editor.body.toPlainText()
    assert "## Debrief" not in editor.body.toPlainText()
    box.activated.emit(hard)  # after the conversation: the debrief
    assert "### What happened" in editor.body.toPlainText()


def test_preview_is_sanitized_and_opens_links_only_on_click(
    qtbot, make_window, teaching_db
) -> None:
    from PySide6.QtCore import QUrl

    window = make_window(teaching_db)
    editor = window.journal.editor
    opened: list[str] = []
    editor.preview.open_url = lambda url: opened.append(url.toString())
    window.actions_by_name["preview"].trigger()
    editor.body.insertPlainText(
        "# Hi\n<script>alert(1)</script> ![x](https://example.org/t.png) "
        "[site](https://example.org) [bad](javascript:alert(1))"
    )
    qtbot.waitUntil(lambda: "Hi" in editor.preview.toPlainText())
    html = editor.preview.toHtml()
    assert "script" not in html and "example.org/t.png" not in html
    assert "javascript" not in html
    assert opened == []  # nothing opened by rendering
    editor.preview.anchorClicked.emit(QUrl("https://example.org"))
    editor.preview.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.org"]
    assert editor.preview.loadResource(2, QUrl("https://example.org/t.png")) is None
    window.actions_by_name["preview_beside"].trigger()  # preview instead of the text
    assert not editor.preview_beside() and editor.stack.currentWidget() is editor.preview
    window.actions_by_name["preview"].trigger()
    assert editor.stack.currentWidget() is editor.body


def test_jump_over_empty_days_to_the_nearest_reflections(qtbot, make_window, teaching_db) -> None:
    from plnjournal.core.journal.entries import add_entry

    early = TODAY - dt.timedelta(days=40)
    with teaching_db.session() as s:
        add_entry(s, entry_date=early, body="a while ago")
    window = make_window(teaching_db)
    journal = window.journal
    window.actions_by_name["previous_written"].trigger()  # Alt+Up
    assert journal.day == early and journal.editor.body.toPlainText() == "a while ago"
    window.actions_by_name["previous_written"].trigger()
    assert journal.day == early  # nothing before: stays, and says so
    assert window.status_text.text() == "No reflections before this day."
    window.actions_by_name["next_written"].trigger()
    assert journal.day == early
