"""Sort arrows that point the way the order goes: ▲ for ascending (oldest or A first), ▼ for
descending, as most desktops draw them; Qt's header maps ascending to its "sort down" arrow,
which Fusion draws as ▼. The header's tooltip also says the order in words.

One call per sortable header (``sort_arrows(header, words)``); the flip is a proxy style on
that header alone, made from the style's own key so it never holds the application's style
(which the colour scheme may replace while the app runs).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)

_FLIP = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class _UpIsAscending(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """QProxyStyle.drawPrimitive, with the header's arrow turned round."""
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = _FLIP.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def _style_key() -> str:
    app = QApplication.instance()
    name = app.style().name() if isinstance(app, QApplication) else ""
    keys = {k.casefold(): k for k in QStyleFactory.keys()}  # noqa: SIM118 - a Qt list
    return keys.get(name.casefold(), "Fusion")


def sort_arrows(header: QHeaderView, words: Callable[[int, Qt.SortOrder], str]) -> None:
    """Make ``header``'s arrow point up for ascending, and its tooltip say the order:
    ``words(column, order)`` ("Newest first")."""
    style = _UpIsAscending(_style_key())
    style.setParent(header)
    header.setStyle(style)

    def say(column: int, order: Qt.SortOrder) -> None:
        header.setToolTip(f"Sorted: {words(column, order)}. Click a heading to sort by it.")

    header.sortIndicatorChanged.connect(say)
    say(header.sortIndicatorSection(), header.sortIndicatorOrder())
