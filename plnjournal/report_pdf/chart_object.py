"""The report's charts inside its QTextDocument: an object the layout places like a character
and that draws its SVG as vectors, with the labels as real text (``chart_text``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QRectF, QSizeF
from PySide6.QtGui import QPainter, QPyTextObject, QTextDocument, QTextFormat
from PySide6.QtSvg import QSvgRenderer

from plnjournal.core.report.html import ACCENT
from plnjournal.report_pdf.chart_text import Label, draw_labels, split_labels

CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
CHART_KEY = QTextFormat.Property.UserProperty + 1


class ChartObject(QPyTextObject):
    """Draws a chart (SVG) as vectors wherever the document places it."""

    def __init__(self, svgs: dict[str, bytes], max_size: QSizeF, families: list[str]) -> None:
        super().__init__()
        self.families = families  # the report's fonts, for the labels
        self.renderers: dict[str, QSvgRenderer] = {}
        self.labels: dict[str, list[Label]] = {}
        for key, data in svgs.items():
            graphics, self.labels[key] = split_labels(data)
            self.renderers[key] = QSvgRenderer(QByteArray(graphics))
        self.max_size = max_size

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        """The chart's size on the page: the text's width, its own proportions."""
        renderer = self.renderers.get(fmt.property(CHART_KEY))
        if renderer is None:
            return QSizeF(0, 0)
        box = renderer.viewBoxF()
        ratio = box.height() / box.width() if box.width() else 0.5
        width = self.max_size.width()
        height = width * ratio
        if height > self.max_size.height():
            height = self.max_size.height()
            width = height / ratio
        return QSizeF(width, height)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos: int,
        fmt: QTextFormat,
    ) -> None:
        """Draw the chart as vectors, unless it belongs to another page's band."""
        renderer = self.renderers.get(fmt.property(CHART_KEY))
        # Qt asks for every object on a line that meets the page's band; a chart on the
        # next page must not be written (clipped away, but still in the file) onto this one.
        box = QRectF(rect)
        if renderer is not None and painter.clipBoundingRect().intersects(box):
            renderer.render(painter, box)
            draw_labels(
                painter,
                self.labels[fmt.property(CHART_KEY)],
                box,
                renderer.viewBoxF(),
                families=self.families,
                heading_colour=ACCENT,
            )
