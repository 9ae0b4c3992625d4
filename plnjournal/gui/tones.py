"""Colour that reads for colour-blind users and in dark mode (Okabe–Ito hues, blended tints).

Tints are blended into the current palette's base colour, so the cell text keeps the
palette's own text colour and contrast in both schemes; meaning is always also carried by a
symbol or word in the cell, never by colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from plnjournal.gui.skills.matrix_model import Tone

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
# vision deficiency.
BLUE = QColor("#0072B2")
SKY = QColor("#56B4E9")
ORANGE = QColor("#E69F00")
VERMILLION = QColor("#D55E00")

_HUES = {Tone.GOOD: BLUE, Tone.WARN: ORANGE, Tone.BAD: VERMILLION, Tone.INFO: SKY}
_STRENGTH_LIGHT = {Tone.GOOD: 0.20, Tone.WARN: 0.30, Tone.BAD: 0.34, Tone.INFO: 0.24}
_STRENGTH_DARK = {Tone.GOOD: 0.45, Tone.WARN: 0.30, Tone.BAD: 0.58, Tone.INFO: 0.36}


def is_dark(palette: QPalette) -> bool:
    """Whether cells are drawn on a dark base (the tints are stronger there to show)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def blend(base: QColor, hue: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0 to 1) of the way to ``hue``: a tint that keeps text legible."""
    return QColor(
        round(base.red() + (hue.red() - base.red()) * amount),
        round(base.green() + (hue.green() - base.green()) * amount),
        round(base.blue() + (hue.blue() - base.blue()) * amount),
    )


def tone_background(tone: Tone, palette: QPalette) -> QColor | None:
    """The cell background for ``tone`` in this palette, or None for no tint."""
    hue = _HUES.get(Tone(tone))
    if hue is None:
        return None
    strength = (_STRENGTH_DARK if is_dark(palette) else _STRENGTH_LIGHT)[Tone(tone)]
    return blend(palette.color(QPalette.ColorRole.Base), hue, strength)


def series_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(self, mentor) line colours for charts: blue and vermillion, lightened on dark."""
    if is_dark(palette):
        return SKY, QColor("#F0A070")
    return BLUE, VERMILLION
