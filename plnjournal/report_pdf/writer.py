"""The progress report as a PDF: Qt's rich-text engine, paginated by us onto a QPdfWriter.

Why this engine (docs/report.md): the text stays real, selectable text with embedded fonts;
we paint every page ourselves, so the running header, "Page n of N" and the cover are ours;
charts are drawn as vectors by QSvgRenderer straight onto the page (a QTextDocument would
rasterise an SVG at 72 dpi). Nothing here needs a display or the GUI thread: the export
dialog runs it on a worker thread, the CLI on the offscreen platform.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from plnjournal import __version__
from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.report import charts as report_charts
from plnjournal.core.report import page
from plnjournal.core.report.content import Report
from plnjournal.core.report.data_json import ATTACHMENT_NAME, report_json
from plnjournal.core.report.html import ACCENT, STYLE, report_html
from plnjournal.core.report.queries import fmt_date
from plnjournal.errors import InputError, PlnError
from plnjournal.paths import write_whole
from plnjournal.report_pdf.chart_object import CHART_KEY, CHART_OBJECT, ChartObject
from plnjournal.report_pdf.closed_document import ClosedDocument
from plnjournal.report_pdf.pagination import paginate

ProgressFn = Callable[[int, int, str], None]

DPI = 96  # layout unit: the CSS pixel, 1/96 inch, so HTML widths mean what they say
MM = DPI / 25.4
FONT_FAMILIES = ["Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Arial", "Sans Serif"]
# The cover's text starts this far down its page (a fraction of the text area).
COVER_DROP = 0.24


def ensure_gui_app() -> QGuiApplication:
    """A Qt application for painting; with no display, the offscreen platform (the CLI)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


@dataclass(frozen=True)
class PageGeometry:
    """A page in layout units (1/96 in): paper, margins, header and footer bands
    (``core/report/page.py`` holds them in millimetres, Qt-free)."""

    width: float
    height: float
    margin_x: float = page.MARGIN_X_MM * MM
    margin_top: float = page.MARGIN_TOP_MM * MM
    margin_bottom: float = page.MARGIN_BOTTOM_MM * MM
    header: float = page.HEADER_MM * MM
    footer: float = page.FOOTER_MM * MM

    @classmethod
    def for_paper(cls, paper: str) -> PageGeometry:
        """The geometry of ``paper`` ("a4" or "letter")."""
        if paper not in page.PAPER_POINTS:
            raise PlnError(f"paper: {paper!r} is not a4 or letter")
        width_pt, height_pt = page.PAPER_POINTS[paper]
        return cls(width=width_pt * DPI / 72, height=height_pt * DPI / 72)

    @property
    def content(self) -> QRectF:
        """Where the document's text goes: inside the margins, header and footer."""
        top = self.margin_top + self.header
        return QRectF(
            self.margin_x,
            top,
            self.width - 2 * self.margin_x,
            self.height - top - self.margin_bottom - self.footer,
        )


class ReportDocument:
    """A laid-out report that paints any of its pages onto any painter (PDF or image)."""

    def __init__(
        self,
        html: str,
        *,
        style: str,
        paper: str = "a4",
        charts: dict[str, bytes] | None = None,
        header: tuple[str, str] = ("", ""),
        cover: bool = True,
    ) -> None:
        self.page = PageGeometry.for_paper(paper)
        self.header = header
        # A report opens on a cover; a form (report_pdf/form_writer.py) starts on its first
        # box, with the running header on every page.
        self.cover = cover
        content = self.page.content
        doc = ClosedDocument()  # loads no file the report's text might name
        doc.setDefaultFont(_report_font())
        doc.setUseDesignMetrics(True)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(style)
        self.chart_svgs = dict(charts or {})
        self._charts = ChartObject(
            self.chart_svgs, QSizeF(content.width(), content.height() * 0.9), FONT_FAMILIES
        )
        doc.documentLayout().registerHandler(CHART_OBJECT, self._charts)
        doc.setHtml(html)
        edit = QTextCursor(doc)
        # One layout for all the charts, not one each (what it saves: docs/performance.md,
        # "One-year PDF (session 3)").
        edit.beginEditBlock()
        for key in charts or {}:
            _place_chart(doc, key)
        edit.endEditBlock()
        doc.setTextWidth(content.width())
        self.doc = doc
        self.slices = paginate(doc, content.height())

    def close(self) -> None:
        """Delete the document's Qt objects now, on this thread.

        They are made on a worker (the preview, the PDF); left to Python, they could be freed
        by the cyclic collector on another thread, the GUI thread mostly, where their Qt
        destructors take Qt's signal-slot locks and may call back into Python (the GIL) while
        a worker holding the GIL takes the same locks (docs/architecture.md, the layers).
        """
        # The chart handler first: the layout hears of it (its ``destroyed``) and drops it.
        for obj in (self._charts, self.doc, *self._charts.renderers.values()):
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)
        self._charts.renderers.clear()

    def __enter__(self) -> ReportDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def page_count(self) -> int:
        """How many pages the report lays out to."""
        return len(self.slices)

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (0-based) in layout units; the caller sets up the scale."""
        content = self.page.content
        on_cover = index == 0 and self.cover
        if not on_cover:  # the cover has no running header or footer
            self._paint_furniture(painter, index)
        else:
            self._paint_cover_band(painter)
        piece = self.slices[index]
        y = content.top() + (COVER_DROP * content.height() if on_cover else 0.0)
        if piece.header is not None:  # a table goes on: its header row again
            self._paint_band(painter, piece.header[0], piece.header[1], y)
            y += piece.header_height
        self._paint_band(painter, piece.top, piece.bottom, y)

    def _paint_band(self, painter: QPainter, top: float, bottom: float, at: float) -> None:
        """Paint the document's band [top, bottom) with its top at page height ``at``."""
        width = self.page.content.width()
        painter.save()
        painter.translate(self.page.content.left(), at - top)
        # Half a pixel in from each cut: Qt draws (clipped, but still into the PDF) any line
        # that merely touches the clip, so a line ending exactly at a cut would be written
        # invisibly onto the next page too, and found there by search and copy.
        clip = QRectF(-2, top + 0.5, width + 4, bottom - top - 1)
        painter.setClipRect(clip)
        self.doc.drawContents(painter, clip)
        painter.restore()

    def _paint_cover_band(self, painter: QPainter) -> None:
        """A band of the accent colour across the top of the cover, and a rule under the
        cover's text block: enough to look designed, little ink to print."""
        page = self.page
        painter.save()
        painter.fillRect(QRectF(0, 0, page.width, 9 * MM), QColor(ACCENT))
        painter.fillRect(
            QRectF(page.margin_x, page.content.top() + COVER_DROP * page.content.height() - 8 * MM,
                   18 * MM, 1.6 * MM),
            QColor(ACCENT),
        )  # fmt: skip
        painter.restore()

    def _paint_furniture(self, painter: QPainter, index: int) -> None:
        page = self.page
        painter.save()
        font = QFont(self.doc.defaultFont())
        font.setPointSizeF(8)
        painter.setFont(font)
        painter.setPen(QColor("#5b6470"))
        left, right = page.margin_x, page.width - page.margin_x
        band = QRectF(left, page.margin_top, right - left, 5 * MM)
        painter.drawText(
            band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.header[0]
        )
        painter.drawText(
            band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.header[1]
        )
        painter.setPen(QPen(QColor("#c9d2dc"), 0.75))
        y = band.bottom() + 1.5 * MM
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        foot_y = page.height - page.margin_bottom - 5 * MM
        painter.drawLine(QPointF(left, foot_y - 1.5 * MM), QPointF(right, foot_y - 1.5 * MM))
        painter.setPen(QColor("#5b6470"))
        foot = QRectF(left, foot_y, right - left, 5 * MM)
        painter.drawText(
            foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "PLN Journal"
        )
        painter.drawText(
            foot,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"Page {index + 1} of {self.page_count}",
        )
        painter.restore()

    def page_image(self, index: int, width_px: int) -> QImage:
        """Page ``index`` as an image ``width_px`` wide (the export dialog's preview)."""
        scale = width_px / self.page.width
        image = QImage(
            int(width_px), int(round(self.page.height * scale)), QImage.Format.Format_RGB32
        )
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        painter.scale(scale, scale)
        self.paint_page(painter, index)
        painter.end()
        return image

    def write_pdf(
        self,
        path: Path | QIODevice,
        *,
        title: str = "",
        attachment: tuple[str, bytes] | None = None,
        progress: ProgressFn | None = None,
    ) -> None:
        """Write the PDF to ``path`` or a device (the caller makes it crash-safe)."""
        writer = QPdfWriter(path if isinstance(path, QIODevice) else str(path))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(
                    QSizeF(self.page.width * 72 / DPI, self.page.height * 72 / DPI),
                    QPageSize.Unit.Point,
                ),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        writer.setTitle(title)
        writer.setCreator(f"PLN Journal {__version__}")
        if attachment is not None and hasattr(writer, "addFileAttachment"):  # Qt 6.8+
            writer.addFileAttachment(attachment[0], QByteArray(attachment[1]), "application/json")
        painter = QPainter()
        if not painter.begin(writer):
            raise PlnError(f"could not write {path}: the PDF could not be started")
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        total = self.page_count
        try:
            for index in range(total):
                if index:
                    writer.newPage()
                self.paint_page(painter, index)
                if progress is not None:
                    progress(index + 1, total, f"Writing page {index + 1} of {total}…")
        finally:
            painter.end()


def _place_chart(doc: QTextDocument, key: str) -> None:
    """Replace the ``[[chart:KEY]]`` placeholder with the chart object, centred."""
    cursor = doc.find(f"[[chart:{key}]]")
    if cursor.isNull():
        return
    fmt = QTextCharFormat()
    fmt.setObjectType(CHART_OBJECT)
    fmt.setProperty(CHART_KEY, key)
    cursor.insertText("\ufffc", fmt)
    block = QTextBlockFormat(cursor.blockFormat())
    block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    cursor.setBlockFormat(block)


@dataclass(frozen=True)
class PreparedReport:
    """The parts of a report's PDF that do not depend on how its charts are drawn: the
    command line makes them while another process draws the charts."""

    chart_keys: tuple[str, ...]
    html: str
    attachment: bytes


@paused_gc()
def prepare_report(report: Report) -> PreparedReport:
    """The report's HTML (its Markdown rendered) and its JSON attachment, and Qt's fonts
    loaded by laying out a line in the report's font."""
    ensure_gui_app()
    keys = report_charts.chart_keys(report.charts) if report.has("charts") and report.charts else []
    doc = QTextDocument()
    doc.setDefaultFont(_report_font())
    doc.setHtml("<p>Progress report <b>2026</b></p>")
    doc.size()  # lays it out
    return PreparedReport(tuple(keys), report_html(report, keys), report_json(report))


def _report_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(9.5)
    # No ligatures: "ﬂ" as one glyph copies and searches as an odd character, so a reader
    # searching the PDF for "reflection" would not find it.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


@paused_gc()
def build_document(
    report: Report,
    paper: str = "a4",
    progress: ProgressFn | None = None,
    charts: dict[str, bytes] | None = None,
    fonts: list[str] | None = None,
    prepared: PreparedReport | None = None,
) -> ReportDocument:
    """Lay out ``report`` on ``paper``, its charts drawn for the page's width as vectors
    (or ``charts``, already drawn for the same report and paper with the font files
    ``fonts``; ``prepared``: its HTML, made beforehand)."""
    c = report.cover
    title = f"Progress report · {c.name}" if c.name else "Progress report"
    period = f"{fmt_date(c.start)} – {fmt_date(c.end)}"
    svgs: dict[str, bytes] = dict(charts or {})
    if not svgs and report.has("charts") and report.charts is not None:
        width_in = PageGeometry.for_paper(paper).content.width() / DPI
        _load_chart_fonts()
        images = report_charts.chart_images(report.charts, width_in, progress)
        svgs = {c.key: c.svg for c in images}
    elif svgs:
        _load_chart_fonts(fonts)
    if prepared is not None and list(prepared.chart_keys) == list(svgs):
        html = prepared.html
    else:
        html = report_html(report, list(svgs))
    return ReportDocument(html, style=STYLE, paper=paper, charts=svgs, header=(title, period))


_fonts_loaded = False


def _load_chart_fonts(paths: list[str] | None = None) -> None:
    """Give Qt the fonts matplotlib measured the charts' text with (once per process);
    ``paths`` when another process drew the charts and said which."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    if paths is None:
        paths = report_charts.chart_fonts()
    for path in paths:
        QFontDatabase.addApplicationFont(path)
    _fonts_loaded = True


def pdf_title(report: Report) -> str:
    """The PDF's title: who and which period, as a reader's file list shows it."""
    c = report.cover
    who = f" — {c.name}" if c.name else ""
    return f"Progress report{who}, {fmt_date(c.start)} to {fmt_date(c.end)}"


@dataclass(frozen=True)
class WrittenPdf:
    """Where the PDF was written and how many pages it has."""

    path: Path
    pages: int


@paused_gc()
def write_report_pdf(
    report: Report,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    charts: dict[str, bytes] | None = None,
    fonts: list[str] | None = None,
    progress: ProgressFn | None = None,
    prepared: PreparedReport | None = None,
) -> WrittenPdf:
    """Write the report to ``path`` crash-safely (``paths.write_whole``): ``path`` is either the old
    file or the whole new one, never half a PDF (``prepared``: ``prepare_report(report)``, made
    beforehand)."""
    path = checked_pdf_path(path)
    ensure_gui_app()
    with build_document(report, paper, charts=charts, fonts=fonts, prepared=prepared) as document:
        data = render_pdf(
            document,
            title=pdf_title(report),
            attachment=(
                ATTACHMENT_NAME,
                prepared.attachment if prepared is not None else report_json(report),
            ),
            progress=progress,
        )
        pages = document.page_count
    return save_pdf(path, data, pages)


def checked_pdf_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a PDF can be written there: its folder exists and it is not a folder."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name ending in .pdf")
    return path


def render_pdf(
    document: ReportDocument,
    *,
    title: str,
    attachment: tuple[str, bytes] | None = None,
    progress: ProgressFn | None = None,
) -> bytes:
    """The PDF's bytes, drawn in memory: Qt does not report a write that fails (a full disk
    left a truncated PDF in place of the report), so the file is written by ``save_pdf``."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    document.write_pdf(buffer, title=title, attachment=attachment, progress=progress)
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def save_pdf(path: Path, data: bytes, pages: int) -> WrittenPdf:
    """Write the PDF crash-safely (``paths.write_whole``): ``path`` is either the old file or
    the whole new one, never half a PDF; and a new file is a private one."""
    if not data:
        raise PlnError(f"could not write {path}: the PDF came out empty")
    write_whole(path, data, what="the PDF")
    return WrittenPdf(path, pages)
