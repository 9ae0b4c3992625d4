"""Secondary text (empty states, hints) in the palette's measured muted colour.

A disabled QLabel is what Qt offers for "grey text", but its colour is the style's disabled
text (#BEBEBE on white with Fusion, 1.8:1): unreadable for many. This label takes
``core.palette``'s muted colour, which the palette test holds at 4.5:1 or better, and follows
the desktop when it switches between light and dark.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from plnjournal.core.palette import palette as palette_of
from plnjournal.gui.theme import is_dark


class MutedLabel(QLabel):
    """Plain text in the muted colour, readable in light and dark."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self._recolouring = False
        self._recolour()

    def _recolour(self) -> None:
        self._recolouring = True
        try:
            palette = self.palette()
            muted = QColor(palette_of(is_dark(palette)).muted)
            palette.setColor(QPalette.ColorRole.WindowText, muted)
            self.setPalette(palette)
        finally:
            self._recolouring = False

    def changeEvent(self, event: QEvent) -> None:
        """QWidget.changeEvent: the desktop switched light/dark: take the new muted colour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._recolouring:
            self._recolour()
