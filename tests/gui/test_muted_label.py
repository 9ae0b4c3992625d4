"""Empty-state text is readable: the muted colour holds 4.5:1 in light and dark, also after the
desktop switches (a disabled QLabel's grey was 1.8:1 on white)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from plnjournal.core.palette import contrast
from plnjournal.gui.journal.entry_list import EntryListPanel
from plnjournal.gui.muted_label import MutedLabel
from plnjournal.gui.theme import apply_color_scheme


def _ratio(label) -> list[float]:
    """The text's contrast with the window's and the list's background."""
    palette = label.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    roles = (QPalette.ColorRole.Window, QPalette.ColorRole.Base)
    return [contrast(text, palette.color(role).name()) for role in roles]


def test_muted_text_is_readable_in_light_and_dark(qtbot) -> None:
    app = QApplication.instance()
    label = MutedLabel("No reflection on this day yet.")
    qtbot.addWidget(label)
    style, palette = app.style().name(), app.palette()
    try:
        for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
            apply_color_scheme(app, scheme)
            qtbot.wait(10)
            assert label.isEnabled()
            assert min(_ratio(label)) >= 4.5, scheme
    finally:
        app.setStyle(style)
        app.setPalette(palette)


def test_the_day_lists_empty_state_is_muted_not_disabled(qtbot, db) -> None:
    days = EntryListPanel(db)
    qtbot.addWidget(days)
    assert isinstance(days.empty, MutedLabel) and days.empty.isEnabled()
    assert min(_ratio(days.empty)) >= 4.5
