"""One chart in the Insights window: built off the GUI thread, shown on a QtAgg canvas in a
scroll area, with the details behind a clicked point and export to PNG or SVG."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.insights.chart_data import make_chart
from plnjournal.gui.plain import plain_label
from plnjournal.gui.tasks import ProgressFn, Task, run_in_background, show_error
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

if TYPE_CHECKING:
    from plnjournal.gui.chart_canvas import ChartCanvas, Prerendered

# matplotlib is kept off the Insights window's opening (docs/performance.md, "Where the
# start-up deferrals are"): the canvas and the figure functions load on the worker that draws
# the first chart, so the window shows its list at once.
chart_canvas = lazy_module("plnjournal.gui.chart_canvas")
figures = lazy_module("plnjournal.core.charts.figures")


@dataclass(frozen=True)
class ChartRequest:
    """Everything that decides what a chart shows: the same request draws the same chart."""

    kind: str
    start: dt.date
    end: dt.date
    dark: bool
    width_px: int = 0  # the room on screen: the chart is scaled to fit it, within limits


# Screen resolution a chart is drawn at: as wide as the pane, but text never smaller than at
# 72 dpi (9 pt = 9 px) nor larger than at 110 dpi; narrower panes scroll.
MIN_DPI, MAX_DPI = 72, 110
MIN_WIDTH = 50  # logical pixels: narrower means the pane is not laid out yet
# A pane wider than this (logical pixels) gets the chart laid out for its width at WIDE_DPI
# (more room for bars and reasons, more panels a row) instead of the window's 11-13 inch
# layout scaled up: the chart fills the pane with text at the usual size.
WIDE_FROM, WIDE_DPI = 1200, 100


def layout_width(width_px: int) -> float | None:
    """Inches to lay a chart out for in a pane ``width_px`` wide (None: the window's own
    layout, scaled to fit by ``screen_dpi``)."""
    return width_px / WIDE_DPI if width_px >= WIDE_FROM else None


def screen_dpi(fig_width_in: float, width_px: int) -> float:
    """The dpi that fits a figure ``fig_width_in`` wide into ``width_px``, within limits."""
    if width_px <= 0:
        return 100.0
    return max(MIN_DPI, min(MAX_DPI, width_px / fig_width_in))


class ChartPane(QWidget):
    """A chart kind; ``show_request`` (re)builds it in the background when it changed."""

    point_clicked = Signal(str, str)  # chart kind, the details text
    width_changed = Signal()  # the pane's width changed enough to redraw at another scale

    def __init__(self, db: Database, kind: str, blurb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = kind
        self.request: ChartRequest | None = None
        self.shown: ChartRequest | None = None
        self.canvas: ChartCanvas | None = None
        self._pending: ChartRequest | None = None
        self._deferred = False
        self.blurb = QLabel(blurb)
        self.blurb.setWordWrap(True)
        self.status = plain_label()  # says the file name chosen
        self.status.setAccessibleName(f"{kind} chart status")
        self.export_button = QPushButton("&Export chart…")
        self.export_button.setToolTip("Save this chart as a PNG or SVG file")
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.blurb, 1)
        top.addWidget(self.status)
        top.addWidget(self.export_button)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setAccessibleName(f"{kind} chart")
        self.details = QLabel("Hover over the chart for details; click to keep them here.")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # mentor text is never HTML
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(300)
        self._resize_timer.timeout.connect(self.width_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.details)

    def show_request(self, request: ChartRequest) -> None:
        """Build the chart for ``request`` unless it is already shown or being built."""
        self.request = request
        if request in (self.shown, self._pending):
            return
        if request.width_px < MIN_WIDTH:
            # A page shown for the first time is laid out later: draw once it has its size.
            self._deferred = True
            return
        self._deferred = False
        self._pending = request
        self.status.setText("Drawing…")
        db, ratio = self.db, self.devicePixelRatioF() or 1.0

        def build(_progress: ProgressFn) -> tuple[ChartRequest, Prerendered]:
            with db.session() as session:
                fig = make_chart(
                    session,
                    request.kind,
                    start=request.start,
                    end=request.end,
                    dark=request.dark,
                    width=layout_width(request.width_px),
                )
            dpi = screen_dpi(fig.get_figwidth(), request.width_px)
            return request, chart_canvas.prerender(fig, ratio, dpi)

        run_in_background(self, build, on_success=self._built, on_failure=self._failed)

    def _built(self, result: tuple[ChartRequest, Prerendered]) -> None:
        request, drawn = result
        if request != self._pending:  # a newer request is on its way
            return
        self._pending = None
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        canvas = chart_canvas.ChartCanvas(drawn)
        canvas.point_clicked.connect(self._clicked)
        self.scroll_area.setWidget(canvas)
        self.canvas = canvas
        self.shown = request
        self.status.setText("")
        self.export_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._pending = None
        self.status.setText("Could not draw the chart.")
        show_error(self, exc)

    def available_width(self) -> int:
        """Logical pixels a chart can use without a horizontal scroll bar (keeping room for
        the vertical one, which a tall chart brings)."""
        bar = self.scroll_area.verticalScrollBar()
        reserve = 0 if bar.isVisible() else bar.sizeHint().width()
        viewport = self.scroll_area.viewport()
        width = viewport.width() if viewport is not None else 0
        return max(0, width - reserve - 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Draw a deferred chart once laid out; redraw when the width changed a lot."""
        super().resizeEvent(event)
        if self._deferred and self.available_width() >= MIN_WIDTH:
            self._deferred = False
            self.width_changed.emit()
            return
        shown = self._pending or self.shown
        if shown is not None and abs(self.available_width() - shown.width_px) > 60:
            self._resize_timer.start()

    def _clicked(self, text: str) -> None:
        self.details.setText(text)
        self.point_clicked.emit(self.kind, text)

    def export(self) -> None:
        """Ask for a file and save the shown chart as PNG or SVG."""
        if self.shown is None:
            return
        name = f"{self.kind}-{self.shown.end.isoformat()}.png"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export chart", str(Path.home() / name), "PNG image (*.png);;SVG image (*.svg)"
        )
        if path:
            self.export_to(Path(path), svg="SVG" in chosen)

    def export_to(self, path: Path, *, svg: bool = False) -> Task:
        """Save the shown chart to ``path`` (drawn afresh off the GUI thread)."""
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".svg" if svg else ".png")
        request, db = self.shown, self.db
        assert request is not None

        def save(_progress: ProgressFn) -> Path:
            with db.session() as session:
                fig = make_chart(
                    session, request.kind, start=request.start, end=request.end, dark=request.dark
                )
            figures.save_figure(fig, path)
            return path

        self.status.setText("Exporting…")
        return run_in_background(
            self,
            save,
            on_success=lambda p: self.status.setText(f"Saved {Path(p).name}"),
            on_failure=self._failed,
        )
