"""The icon set: every icon renders, in the palette's colours, and follows a scheme switch."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton


def _ink(image) -> set[str]:
    """The opaque colours of an image (its drawn lines)."""
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_every_icon_renders_in_the_colour_asked_for(qtbot) -> None:
    from plnjournal.gui.icons import NAMES, pixmap

    for name in NAMES:
        drawn = pixmap(name, QColor("#c0392b"), 24)
        assert not drawn.isNull() and drawn.width() == 24, name
        assert _ink(drawn.toImage()) == {"#c0392b"}, name


def test_a_button_icon_is_drawn_again_when_the_palette_changes(qtbot) -> None:
    from plnjournal.gui.icons import refresh_icons, set_icon

    button = QPushButton("Write about it now")
    qtbot.addWidget(button)
    palette = QPalette(button.palette())
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#101010"))
    button.setPalette(palette)
    set_icon(button, "write")
    before = _ink(button.icon().pixmap(24, 24).toImage())
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
    button.setPalette(palette)
    refresh_icons([button])
    after = _ink(button.icon().pixmap(24, 24).toImage())
    assert before == {"#101010"} and after == {"#f0f0f0"}


def test_an_unknown_icon_is_a_clear_error() -> None:
    import pytest

    from plnjournal.gui.icons import svg_text

    with pytest.raises(KeyError, match="no icon called 'nope'"):
        svg_text("nope")


def test_a_primary_button_s_icon_takes_its_label_colour(qtbot) -> None:
    from plnjournal.gui.icons import set_icon
    from plnjournal.gui.theme import make_primary

    button = QPushButton("Write about it now")
    qtbot.addWidget(button)
    make_primary(button)
    set_icon(button, "write")
    label = button.palette().color(QPalette.ColorRole.HighlightedText).name()
    assert _ink(button.icon().pixmap(24, 24).toImage()) == {label}


def test_a_scheme_switch_redraws_the_icons(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from plnjournal.gui import theme
    from plnjournal.gui.icons import set_icon

    app = QApplication.instance()
    button = QPushButton("Next day")
    qtbot.addWidget(button)
    button.show()
    # From light, whatever scheme an earlier test left the application in.
    theme.switch_color_scheme(app, Qt.ColorScheme.Light)
    qtbot.wait(10)  # the palette's posted events and the icons' redraw
    set_icon(button, "next")
    light = _ink(button.icon().pixmap(24, 24).toImage())
    try:
        theme.switch_color_scheme(app, Qt.ColorScheme.Dark)
        qtbot.waitUntil(lambda: _ink(button.icon().pixmap(24, 24).toImage()) != light)
        dark = _ink(button.icon().pixmap(24, 24).toImage())
    finally:
        theme.switch_color_scheme(app, Qt.ColorScheme.Light)
    assert light != dark and QColor(dark.pop()).lightness() > 150
