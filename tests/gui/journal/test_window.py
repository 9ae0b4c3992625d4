"""The window as a whole: search, delete and undo, refresh on data_changed, remembered layout,
accessibility, light/dark, the daily reminder, and the Qt models."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from sqlalchemy import select

from plnjournal.core.journal.entries import add_entry
from plnjournal.gui.journal.search_dialog import HTML_ROLE
from plnjournal.storage.models import Entry
from tests.conftest import TODAY


def test_search_finds_ranked_highlighted_and_opens_the_entry(qtbot, make_window, demo_db) -> None:
    with demo_db.session() as s:
        target = add_entry(
            s,
            entry_date=dt.date(2026, 3, 4),
            title="Zebra crossing duty",
            body="The zebra crossing rota clashed with my Year 7 form time.",
        )
        target_id = target.id
    window = make_window(demo_db)
    window.actions_by_name["search"].trigger()  # Ctrl+F
    dialog = window._search
    assert dialog.isVisible() and dialog.focusWidget() is dialog.query
    qtbot.keyClicks(dialog.query, "zebra")
    qtbot.waitUntil(lambda: dialog.results.rowCount() == 1)
    row = dialog.results.rows[0]
    assert row.entry_id == target_id
    html = dialog.results.data(dialog.results.index(0), HTML_ROLE)
    assert "<b>zebra</b>" in html.lower()
    assert dialog.status.text().startswith("1 reflection matches, best first.")
    # Filters: a date range that leaves it out finds nothing.
    dialog.set_range(dt.date(2026, 4, 1), None)
    dialog.run_search()
    assert dialog.results.rowCount() == 0 and "Nothing found" in dialog.status.text()
    dialog.set_range(None, None)
    dialog.run_search()
    dialog.view.activated.emit(dialog.results.index(0))
    assert window.journal.day == dt.date(2026, 3, 4)
    assert window.journal.editor.entry_id == target_id


def test_delete_with_undo(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    journal = window.journal
    entry_id = journal.editor.entry_id
    before = journal.entries.model.rowCount()
    with demo_db.session() as s:
        links = {link.skill_id for link in s.get(Entry, entry_id).skill_links}
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(window.undo_button.isVisible)  # deleted on the write worker
    with demo_db.session() as s:
        assert s.get(Entry, entry_id) is None
    assert journal.entries.model.rowCount() == before - 1
    assert window.undo_button.isVisible() and window.undo_delete_action.isEnabled()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journal.editor.entry_id == entry_id)  # restored on the worker
    with demo_db.session() as s:
        restored = s.get(Entry, entry_id)
        assert restored is not None and {link.skill_id for link in restored.skill_links} == links
    assert journal.editor.entry_id == entry_id
    assert not window.undo_button.isVisible()


def test_views_refresh_on_data_changed_from_elsewhere(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    other_day = TODAY - dt.timedelta(days=3)
    assert other_day not in journal.calendar.marked_days()
    with teaching_db.session() as s:  # e.g. a journal import in another feature
        add_entry(s, entry_date=other_day, body="imported")
        add_entry(s, entry_date=TODAY, body="imported today")
    window.notify_changed("entries")
    assert {other_day, TODAY} <= journal.calendar.marked_days()
    assert journal.entries.model.rowCount() == 1
    assert journal.calendar.streak_label.text().startswith("Streak: 1 day")


def test_layout_and_view_are_remembered(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    window.resize(1000, 640)
    window.actions_by_name["preview"].trigger()
    window.journal.side.setCurrentIndex(1)
    window.journal.splitter.setSizes([200, 330, 200])
    sizes, size = window.journal.splitter.sizes(), window.size()
    window.close()
    again = make_window(teaching_db, size=None)
    # (the offscreen screen is 800 wide, so the restored width is clamped there)
    assert again.size().height() == size.height()
    assert again.journal.editor.preview_visible() and again.preview_action.isChecked()
    assert again.journal.side.currentIndex() == 1
    restored = again.journal.splitter.sizes()
    assert (restored[0], restored[2]) == (sizes[0], sizes[2])  # the centre takes the rest


def test_every_control_has_an_accessible_name(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.actions_by_name["preview"].trigger()
    nameless = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.parent() is not None and widget.parent().metaObject().className() in (
            "QCalendarWidget",
            "QComboBox",
            "QTabWidget",
            "QAbstractScrollArea",
        ):
            continue  # parts of a named compound control
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name and widget.metaObject().className() not in (
            "QScrollBar",
            "QTabBar",
            "QHeaderView",
            "QCalendarView",
            "QWidget",
        ):
            nameless.append(f"{widget.metaObject().className()} {widget.objectName()}")
    assert nameless == []


def test_follows_a_dark_system_scheme(qtbot, make_window, teaching_db) -> None:
    from plnjournal.gui.theme import apply_color_scheme, is_dark, panel_background

    app = QApplication.instance()
    window = make_window(teaching_db)
    style, palette = app.style().name(), app.palette()
    try:
        apply_color_scheme(app, Qt.ColorScheme.Dark)
        assert is_dark(app.palette())
        assert panel_background().lightness() < 100
        nudge, body = window.journal.nudge, window.journal.editor.body
        qtbot.waitUntil(lambda: panel_background(nudge.palette()) == panel_background())
        qtbot.waitUntil(lambda: body.palette().color(body.backgroundRole()).lightness() < 100)
        image = nudge.grab().toImage()
        assert image.pixelColor(nudge.width() // 2, 3).lightness() < 100
        apply_color_scheme(app, Qt.ColorScheme.Light)
        assert not is_dark(app.palette())
    finally:
        app.setStyle(style)
        app.setPalette(palette)


def test_daily_reminder_only_on_days_without_a_reflection(qtbot, make_window, teaching_db) -> None:
    from plnjournal.core.journal.settings import set_reminder_time
    from plnjournal.gui.shell.reminder import MESSAGE, DailyReminder

    with teaching_db.session() as s:
        set_reminder_time(s, dt.time(20, 0))
    window = make_window(teaching_db)
    qtbot.waitUntil(lambda: window.is_loaded)
    # The window's own, read in the background once loaded.
    qtbot.waitUntil(lambda: window.reminder.time == dt.time(20, 0))
    clock = [dt.datetime.combine(TODAY, dt.time(19, 0))]
    reminder = DailyReminder(teaching_db, window, now=lambda: clock[0])
    qtbot.waitUntil(lambda: reminder.time == dt.time(20, 0))
    assert not reminder.check()  # not yet
    clock[0] = dt.datetime.combine(TODAY, dt.time(20, 1))
    with qtbot.waitSignal(reminder.reminded):
        assert reminder.check()
    assert not reminder.check()  # once a day
    if reminder.tray is None:  # no system tray (offscreen): the message is in the window
        assert window.statusBar().currentMessage() == MESSAGE
    with teaching_db.session() as s:
        add_entry(s, entry_date=TODAY + dt.timedelta(days=1), body="written early")
    clock[0] = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(21, 0))
    assert not reminder.check()  # already written that day


def test_models_pass_the_model_tester(qtmodeltester, make_window, demo_db) -> None:
    window = make_window(demo_db)
    journal = window.journal
    window.actions_by_name["search"].trigger()
    window._search.query.setText("lesson")
    window._search.run_search()
    for model in (
        journal.entries.model,
        journal.skills.model,
        journal.skills.proxy,
        journal.commitments.model,
        window._search.results,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_private_flag_is_saved(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    editor = window.journal.editor
    qtbot.keyClicks(editor.body, "Only for me")
    qtbot.mouseClick(editor.private, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.is_dirty())  # saved on the write worker
    with teaching_db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert entry.private and entry.body == "Only for me"
    assert "🔒" in window.journal.entries.model.data(window.journal.entries.model.index(0))


def test_a_deleted_reflection_waits_in_the_trash_and_comes_back(
    qtbot, make_window, demo_db
) -> None:
    """Deleting moves the reflection to the trash; Edit ▸ Trash… lists it and restores it
    whole (issue 20, finding 4)."""
    from plnjournal.gui.journal.trash_dialog import ID_ROLE

    window = make_window(demo_db)
    journal = window.journal
    entry_id = journal.editor.entry_id
    with demo_db.session() as s:
        title = s.get(Entry, entry_id).title
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(window.undo_button.isVisible)
    trash_action = next(a for a in window.menu("edit").actions() if a.objectName() == "trashAction")
    trash_action.trigger()
    dialog = next(w for w in window.findChildren(QDialog) if w.windowTitle() == "Trash")
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and dialog.list.item(0).data(ID_ROLE))
    assert title in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.list.item(0).text() == "The trash is empty.")
    with demo_db.session() as s:
        assert s.get(Entry, entry_id) is not None


def test_tags_show_under_the_reflection(qtbot, make_window, teaching_db) -> None:
    """Imported tags (and @words from quick capture) are shown with the reflection, as
    plain text; a reflection without tags shows no line (issue 20, finding 7)."""
    with teaching_db.session() as s:
        tagged = add_entry(
            s, entry_date=TODAY, title="Tagged", body="x", tags=["calm", "<b>phone</b>"]
        ).id
        plain = add_entry(s, entry_date=TODAY, title="Plain", body="y").id
    window = make_window(teaching_db)
    editor = window.journal.editor
    editor.open_entry(tagged)
    assert editor.tags_line.isVisible()
    assert editor.tags_line.text() == "Tags: <b>phone</b>, calm"
    assert editor.tags_line.textFormat() == Qt.TextFormat.PlainText
    editor.open_entry(plain)
    assert not editor.tags_line.isVisible()
