"""The PDF reads as one document (issue 21, item 12): chart text in the report's font family
with titles in its heading colour, a year's heat map folded into two strips, and a page of
"Selected reflections" that never asks for something the window cannot do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from plnjournal.core.charts.over_time import calendar_chart
from plnjournal.core.report.charts import figure_svg
from plnjournal.core.report.content import DEEPEST_ON_AVOIDED, ReportOptions, build_report
from plnjournal.core.report.html import ACCENT
from plnjournal.report_pdf.chart_text import (
    draw_labels,
    label_font,
    split_labels,
    title_labels,
)
from plnjournal.report_pdf.writer import FONT_FAMILIES, write_report_pdf
from tests.conftest import TODAY

pytestmark = pytest.mark.gui
YEAR = (dt.date(2025, 11, 29), dt.date(2026, 11, 28))


def _calendar_svg(start: dt.date, end: dt.date) -> bytes:
    days = {start + dt.timedelta(days=i): 1 + i % 3 for i in range(0, (end - start).days, 2)}
    return figure_svg(calendar_chart(days, start, end, width=6.9))


def test_chart_labels_take_the_reports_font_and_the_title_its_heading_colour(qapp) -> None:
    _graphics, labels = split_labels(_calendar_svg(*YEAR))
    [title] = title_labels(labels)
    assert title.text == "Journaling days"
    font = label_font(labels[0], FONT_FAMILIES, 96)
    assert font.families()[: len(FONT_FAMILIES)] == FONT_FAMILIES
    image = QImage(700, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    draw_labels(
        painter,
        labels,
        QRectF(0, 0, 700, 600),
        QRectF(0, 0, 6.9 * 72, 6.9 * 72 * 600 / 700),
        families=FONT_FAMILIES,
        heading_colour=ACCENT,
    )
    painter.end()
    accent = QColor(ACCENT)
    inked = {
        image.pixelColor(x, y).name()
        for x in range(0, 250)
        for y in range(0, 24)  # the title's line, above the subtitle
        if image.pixelColor(x, y) != QColor("white")
    }
    assert accent.name() in inked  # the title's solid strokes are the heading colour
    assert not any(QColor(c).lightness() < 40 for c in inked)  # and none is black


def test_a_years_heat_map_is_two_strips_not_a_band() -> None:
    year = calendar_chart({}, *YEAR, width=6.9)
    quarter = calendar_chart({}, dt.date(2026, 8, 29), YEAR[1], width=6.9)
    width, height = year.get_size_inches()
    assert height / width > 0.6  # a sensible aspect: was 6.9 × 2.6 in, one thin strip
    assert len(year.axes) == 2 and len(quarter.axes) == 1


def test_selected_reflections_in_the_pdf_say_how_they_were_chosen(
    demo_db, qapp, tmp_path: Path
) -> None:
    with demo_db.session() as s:
        report = build_report(
            s, ReportOptions(start=dt.date(2026, 8, 29), end=TODAY, generated_on=TODAY)
        )
    out = tmp_path / "report.pdf"
    write_report_pdf(report, out)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert " ".join(DEEPEST_ON_AVOIDED.split()) in text
    assert "Mark reflections as highlights" not in text
    assert report.reflections and all(r.title in text for r in report.reflections)
