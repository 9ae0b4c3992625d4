"""The palette's colours (core/palette.py) as QColors for the current scheme: cell tints,
chips and chart series, for colour-blind users and in dark mode.

Each tint is paired with the palette's text colour and measured by tests/core/test_palette.py;
meaning is always also carried by a symbol or word in the cell, never by colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from plnjournal.core import palette as colours
from plnjournal.gui.skills.matrix_model import Tone

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
# vision deficiency.
BLUE = QColor(colours.OKABE_ITO["blue"])
SKY = QColor(colours.OKABE_ITO["sky"])

# What each tone means, in the palette's states.
STATE_OF_TONE = {
    Tone.GOOD: "reached",
    Tone.WARN: "watch",
    Tone.BAD: "act_now",
    Tone.INFO: "hidden_strength",
}


def is_dark(palette: QPalette) -> bool:
    """Whether cells are drawn on a dark base (the dark palette's colours are used then)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def scheme(palette: QPalette) -> colours.Palette:
    """The core palette matching this Qt palette's scheme."""
    return colours.palette(is_dark(palette))


def tone_background(tone: Tone, palette: QPalette) -> QColor | None:
    """The cell background for ``tone`` in this palette, or None for no tint."""
    state = STATE_OF_TONE.get(Tone(tone))
    return None if state is None else QColor(scheme(palette).states[state].tint)


def tone_strong(tone: Tone, palette: QPalette) -> QColor | None:
    """The strong colour for ``tone`` (a chip, bar or symbol on the plain background)."""
    state = STATE_OF_TONE.get(Tone(tone))
    return None if state is None else QColor(scheme(palette).states[state].strong)


def tone_text(palette: QPalette) -> QColor:
    """The text colour the tints were measured with."""
    return QColor(scheme(palette).text)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text (hints, empty states) that still reads at 4.5:1 on base and window."""
    return QColor(scheme(palette).muted)


def series_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(self, mentor) line colours for charts, as the insight charts draw them."""
    p = scheme(palette)
    return QColor(p.self_colour), QColor(p.mentor_colour)
