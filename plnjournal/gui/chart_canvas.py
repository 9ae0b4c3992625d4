"""A chart on a QtAgg canvas that never draws on the GUI thread when it can avoid it.

Imported only when the Insights view first shows a chart (it imports matplotlib's Qt backend).
The worker thread builds the figure and draws it once with Agg (``prerender``); the canvas
adopts that drawing and, being fixed to the figure's size inside a scroll area, only copies
pixels when painted. Hovering shows the details behind a point as a tooltip; a click emits
them (``point_clicked``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.backend_bases import Event, LocationEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Signal
from PySide6.QtGui import QCursor, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from plnjournal.core.charts.style import details_at


@dataclass
class Prerendered:
    """A figure drawn by Agg off the GUI thread, at the screen's pixel ratio."""

    figure: Figure
    renderer: Any  # a RendererAgg: backend_agg has no type hints
    key: tuple[float, float, float] | None


def prerender(fig: Figure, pixel_ratio: float = 1.0, dpi: float | None = None) -> Prerendered:
    """Draw ``fig`` now (call this on the worker thread) at ``dpi`` logical pixels an inch,
    times the screen's pixel ratio."""
    if dpi is not None:
        # As if the figure had been made at this dpi: Qt's HiDPI scaling starts from it.
        fig._original_dpi = dpi  # type: ignore[attr-defined]
    fig.set_dpi(fig._original_dpi * pixel_ratio)  # type: ignore[attr-defined]
    # Whole pixels, so the canvas (sized in whole pixels by Qt) matches the drawing exactly
    # and never has to draw it again on the GUI thread.
    # A hair over the whole number: Agg truncates the size to whole pixels, and 1856 / 100 *
    # 100 is 1855.9999…, which drew one pixel column short (a white line on a dark chart).
    w_in, h_in = fig.get_size_inches()
    fig.set_size_inches(
        (round(w_in * fig.dpi) + 1e-6) / fig.dpi, (round(h_in * fig.dpi) + 1e-6) / fig.dpi
    )
    agg = FigureCanvasAgg(fig)
    agg.draw()  # type: ignore[no-untyped-call]  # matplotlib's backend_agg has no type hints
    # The key matplotlib compares before reusing a renderer (its own, whatever the version).
    return Prerendered(fig, agg.renderer, agg._lastKey)


class ChartCanvas(FigureCanvasQTAgg):
    """A fixed-size canvas showing one figure; hover and click give its details."""

    point_clicked = Signal(str)

    def __init__(self, drawn: Prerendered, parent: QWidget | None = None) -> None:
        fig = drawn.figure
        ratio = fig.dpi / fig._original_dpi  # type: ignore[attr-defined]
        super().__init__(fig)  # type: ignore[no-untyped-call]  # backend_qt has no type hints
        self.setParent(parent)
        self._set_device_pixel_ratio(ratio)
        # Adopt the worker's drawing: matplotlib reuses a renderer whose key (width, height,
        # dpi) matches the figure, so painting copies its pixels instead of drawing again.
        # A workaround relying on FigureCanvasAgg's private cache key, checked in the tests.
        self.renderer = drawn.renderer
        self._lastKey = drawn.key
        w, h = fig.bbox.size  # whole physical pixels (prerender), up to rounding
        self.setFixedSize(round(w / ratio), round(h / ratio))
        self._last_tip = ""
        self.mpl_connect("motion_notify_event", self._hover)
        self.mpl_connect("button_press_event", self._click)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QWidget.resizeEvent: draws again only when the pixel ratio changed the drawing."""
        # The figure keeps the size it was designed at (the scroll area scrolls it); redraw
        # only if the screen's pixel ratio changed what the drawing must be.
        w, h = self.figure.bbox.size
        ratio = self.device_pixel_ratio
        size = (round(event.size().width() * ratio), round(event.size().height() * ratio))
        if size == (round(w), round(h)):
            QWidget.resizeEvent(self, event)
            return
        super().resizeEvent(event)  # type: ignore[no-untyped-call]  # backend_qt has no hints

    def wheelEvent(self, event: QWheelEvent) -> None:
        """QWidget.wheelEvent: handed to the scroll area around the chart, so the wheel over
        a chart scrolls the pane (matplotlib's canvas takes it for its own scroll events,
        which no chart here uses). Handed on explicitly: Qt propagates only wheel events
        from the window system, not the synthesized ones of touchpads' and tests."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        QApplication.sendEvent(area.viewport(), event)

    def details(self, event: Event) -> str | None:
        """What the point under the mouse stands for, as plain text (None off the data)."""
        # mpl_connect's stub types every handler's event as the base Event.
        if not isinstance(event, LocationEvent):
            return None
        return details_at(self.figure, event.inaxes, event.xdata, event.ydata)

    def _hover(self, event: Event) -> None:
        text = self.details(event) or ""
        if text == self._last_tip:
            return
        self._last_tip = text
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _click(self, event: Event) -> None:
        text = self.details(event)
        if text:
            self.point_clicked.emit(text)
