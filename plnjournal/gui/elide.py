"""Text cut with an ellipsis, never clipped: a combo box and a line edit that show "…" where
their text does not fit (the reflection model "Driscoll's What? So what? Now…", a long title
while the field is not being edited), with the whole text in the tooltip.

Both are on the window's start path (the editor): they paint as Qt does while the text fits,
and only a text that does not fit reads the style classes, through ``late_types``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from plnjournal.gui import late_types
from plnjournal.gui.plain import literal

if TYPE_CHECKING:  # annotations only
    from PySide6.QtGui import QPaintEvent, QResizeEvent

# Room the combo box's arrow and frame take beside the text, in multiples of its height.
_ARROW = 1.2


class ElidedComboBox(QComboBox):
    """A combo box whose shown choice ends in "…" when it is wider than the box; its tooltip
    names the whole choice, then ``base_tip``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_tip = ""
        self.currentTextChanged.connect(lambda _t: self._tip())

    def fit_longest(self) -> None:
        """Grow, where the layout has room, up to the width of the longest choice (and no
        further); narrower, the shown choice ends in "…"."""
        fm = self.fontMetrics()
        longest = max(
            (fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        self.setMaximumWidth(max(longest + int(self.sizeHint().height() * _ARROW) + 16, 0))
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(policy.Policy.Expanding)
        self.setSizePolicy(policy)

    def set_base_tip(self, tip: str) -> None:
        """What the box is for, said under the choice's whole name."""
        self.base_tip = tip
        self._tip()

    def _tip(self) -> None:
        text = self.currentText()
        self.setToolTip(literal(f"{text}\n{self.base_tip}" if text else self.base_tip))

    def _room(self) -> int:
        return self.width() - int(self.height() * _ARROW)

    def _fits(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.currentText()) <= self._room()

    def shown_text(self) -> str:
        """The choice as painted: whole, or cut with "…" to the box."""
        if self._fits():
            return self.currentText()
        elide = Qt.TextElideMode.ElideRight
        return self.fontMetrics().elidedText(self.currentText(), elide, self._room())

    def paintEvent(self, event: QPaintEvent) -> None:
        """QComboBox.paintEvent; past the box's width, the choice elided by the style's
        own text rectangle."""
        if self._fits():
            super().paintEvent(event)
            return
        style = late_types.QStyle
        option = late_types.QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            style.ComplexControl.CC_ComboBox, option, style.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(field.width() - 4, 0)
        )
        painter = late_types.QStylePainter(self)
        painter.drawComplexControl(style.ComplexControl.CC_ComboBox, option)
        painter.drawControl(style.ControlElement.CE_ComboBoxLabel, option)
        painter.end()


class ElidedLineEdit(QLineEdit):
    """A frameless line edit that, while not being edited, shows a text too wide for it
    ending in "…" (the whole text in its tooltip); editing shows all of it as usual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(lambda _t: self._tip())

    def _room(self) -> int:
        margins = self.textMargins()
        return self.contentsRect().width() - margins.left() - margins.right() - 4

    def _elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self._room()

    def _tip(self) -> None:
        self.setToolTip(literal(self.text()) if self._elided() else "")

    def shown_text(self) -> str:
        """The text as painted while not being edited: whole, or cut with "…"."""
        if not self._elided():
            return self.text()
        elide = Qt.TextElideMode.ElideRight
        return self.fontMetrics().elidedText(self.text(), elide, self._room())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QLineEdit.resizeEvent; the tooltip follows whether the text now fits."""
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        """QLineEdit.paintEvent, or, unfocused and too wide, the text elided on the base."""
        if self.hasFocus() or not self.text() or not self._elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(self.font())
        margins = self.textMargins()
        rect = self.contentsRect().adjusted(margins.left() + 2, 0, -margins.right() - 2, 0)
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.end()
