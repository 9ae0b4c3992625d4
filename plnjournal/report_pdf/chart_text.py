"""The charts' labels, taken out of their SVG and drawn by us as real, ligature-free PDF text.

QSvgRenderer draws SVG text with ligatures ("ﬂ" as one glyph): the labels then copy and
search as odd characters, so a reader searching the PDF for "Reflections" would miss the
charts. matplotlib writes each label as a flat ``<text>`` element with its position,
anchor, rotation, size, weight and colour; we draw the rest of the SVG with QSvgRenderer and
the labels with QPainter, ligatures off, in the report's own font family (matplotlib's DejaVu
Sans, registered with Qt, where that family is missing) and the chart's title in the
report's heading colour, so a chart reads as part of the page. Labels are placed by their
anchor with the width of the font they are drawn in; the report's families are no wider
than DejaVu Sans, so nothing a chart fitted can overlap.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform

_TEXT = re.compile(rb"<text\b([^>]*)>(.*?)</text>", re.S)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_TRANSFORM = re.compile(r"(translate|rotate|scale)\(([^)]*)\)")
_NO_LIGATURES = ("liga", "clig", "dlig")


@dataclass(frozen=True)
class Label:
    """One label, in the SVG's user units (points at the figure's size)."""

    text: str
    x: float
    y: float  # the baseline
    transform: QTransform
    size: float
    bold: bool
    italic: bool
    anchor: str  # start, middle, end
    colour: str
    family: str


def split_labels(svg: bytes) -> tuple[bytes, list[Label]]:
    """The SVG without its ``<text>`` elements, and those elements as labels to draw."""
    labels: list[Label] = []

    def take(match: re.Match[bytes]) -> bytes:
        label = _label(match.group(1).decode("utf-8"), match.group(2).decode("utf-8"))
        if label is not None:
            labels.append(label)
        return b""

    return _TEXT.sub(take, svg), labels


def _label(attributes: str, inner: str) -> Label | None:
    attrs = dict(_ATTR.findall(attributes))
    text = html.unescape(re.sub(r"<[^>]+>", "", inner))
    if not text.strip():
        return None
    style = {}
    for part in attrs.get("style", "").split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            style[key.strip()] = value.strip()
    size = float(re.sub(r"[^\d.]", "", style.get("font-size", "10")) or 10)
    family = style.get("font-family", "DejaVu Sans").split(",")[0].strip().strip("'\"")
    return Label(
        text=text,
        x=float(attrs.get("x", 0)),
        y=float(attrs.get("y", 0)),
        transform=_transform(attrs.get("transform", "")),
        size=size,
        bold=style.get("font-weight", "400") in ("bold", "700", "600", "800", "900"),
        italic=style.get("font-style", "normal") in ("italic", "oblique"),
        anchor=style.get("text-anchor", "start"),
        colour=style.get("fill", "#000000"),
        family=family,
    )


def _transform(text: str) -> QTransform:
    """An SVG transform list (translate, rotate about a point, scale) as a QTransform."""
    result = QTransform()
    for kind, args in _TRANSFORM.findall(text):
        values = [float(v) for v in re.split(r"[\s,]+", args.strip()) if v]
        step = QTransform()
        if kind == "translate":
            step.translate(values[0], values[1] if len(values) > 1 else 0.0)
        elif kind == "scale":
            step.scale(values[0], values[1] if len(values) > 1 else values[0])
        elif kind == "rotate":
            if len(values) == 3:
                step.translate(values[1], values[2])
                step.rotate(values[0])
                step.translate(-values[1], -values[2])
            else:
                step.rotate(values[0])
        result = step * result  # SVG applies the list right to left
    return result


def title_labels(labels: list[Label]) -> list[Label]:
    """A chart's title: its largest bold labels, when some text is smaller."""
    largest = max((label.size for label in labels), default=0.0)
    smaller = any(label.size < largest for label in labels)
    return [label for label in labels if smaller and label.bold and label.size == largest]


def label_font(label: Label, families: list[str], dpi: float) -> QFont:
    """The font a label is drawn in: ``families`` first, then its own, without ligatures,
    sized so its pixel size is the label's size in the SVG's units."""
    font = QFont()
    font.setFamilies([*families, label.family, "DejaVu Sans"])
    font.setPointSizeF(label.size * 72 / dpi)
    font.setBold(label.bold)
    font.setItalic(label.italic)
    font.setKerning(True)
    for tag in _NO_LIGATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def draw_labels(
    painter: QPainter,
    labels: list[Label],
    rect: QRectF,
    view_box: QRectF,
    *,
    families: list[str] | None = None,
    heading_colour: str | None = None,
) -> None:
    """Draw ``labels`` as the SVG would place them, its view box mapped onto ``rect``: in
    ``families`` first (each label's own family after them), the title (the largest bold
    label) in ``heading_colour``."""
    if not labels or view_box.width() <= 0 or view_box.height() <= 0:
        return
    titles = {id(label) for label in title_labels(labels)}
    dpi = painter.device().logicalDpiY() or 96
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(rect.width() / view_box.width(), rect.height() / view_box.height())
    painter.translate(-view_box.topLeft())
    base = painter.transform()
    fonts: dict[tuple[object, ...], QFont] = {}
    for label in labels:
        key = (label.family, label.size, label.bold, label.italic)
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = label_font(label, families or [], dpi)
        width = QFontMetricsF(font, painter.device()).horizontalAdvance(label.text)
        shift = {"middle": width / 2, "end": width}.get(label.anchor, 0.0)
        painter.setTransform(label.transform * base)
        painter.setFont(font)
        colour = heading_colour if heading_colour and id(label) in titles else label.colour
        painter.setPen(QColor(colour))
        painter.drawText(QPointF(label.x - shift, label.y), label.text)
    painter.restore()
