"""The journal's calendar marks days with reflections as filled days in the palette's colours,
not as links (blue, underlined), in light and dark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from plnjournal.core.palette import DARK, LIGHT, contrast
from plnjournal.gui.journal.calendar_panel import to_qdate
from tests.conftest import TODAY


def test_days_with_reflections_are_filled_not_links(qtbot, make_window, demo_db) -> None:
    from plnjournal.gui.theme import apply_color_scheme

    app = QApplication.instance()
    window = make_window(demo_db)
    calendar = window.journal.calendar
    day = max(d for d in calendar.marked_days() if d <= TODAY)
    style, palette = app.style().name(), app.palette()
    try:
        for scheme, colours in ((Qt.ColorScheme.Light, LIGHT), (Qt.ColorScheme.Dark, DARK)):
            apply_color_scheme(app, scheme)
            qtbot.waitUntil(
                lambda c=colours: (
                    calendar.calendar.dateTextFormat(to_qdate(day))
                    .background()
                    .color()
                    .name()
                    .upper()
                    == c.days[1]
                )
            )
            fmt = calendar.calendar.dateTextFormat(to_qdate(day))
            assert not fmt.fontUnderline()
            text = fmt.foreground().color().name()
            assert contrast(text, colours.days[1]) >= 4.5
            assert contrast(colours.days[1], colours.background) >= 3
    finally:
        app.setStyle(style)
        app.setPalette(palette)


def test_a_scheme_change_while_locked_repaints_without_reading(
    qtbot, make_window, demo_db, monkeypatch
) -> None:
    """The desktop can switch to dark while the app lock holds no key: the marks take the new
    colours from what is already marked, and nothing reads the journal (which would fail)."""
    from plnjournal.errors import JournalLocked
    from plnjournal.gui.theme import apply_color_scheme

    app = QApplication.instance()
    window = make_window(demo_db)
    calendar = window.journal.calendar
    day = max(d for d in calendar.marked_days() if d <= TODAY)

    def locked():
        raise JournalLocked("the journal is encrypted and has not been unlocked")

    monkeypatch.setattr(demo_db, "reading", locked)
    style, palette = app.style().name(), app.palette()
    try:
        apply_color_scheme(app, Qt.ColorScheme.Light)
        apply_color_scheme(app, Qt.ColorScheme.Dark)
        qtbot.waitUntil(
            lambda: (
                calendar.calendar.dateTextFormat(to_qdate(day)).background().color().name().upper()
                == DARK.days[1]
            )
        )
    finally:
        monkeypatch.undo()  # the window's own teardown reads the journal
        app.setStyle(style)
        app.setPalette(palette)
    assert day in calendar.marked_days()
