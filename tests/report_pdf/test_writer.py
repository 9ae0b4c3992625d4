"""The PDF engine: pages cut like a typesetter would, and a report that fills its pages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor, QTextDocument

from plnjournal.core.report.content import ReportOptions, build_report
from plnjournal.report_pdf.pagination import paginate
from plnjournal.report_pdf.writer import PageGeometry, build_document

pytestmark = pytest.mark.gui
PAGE = 300.0


def _doc(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(400)
    return doc


def _blocks(doc: QTextDocument) -> list[tuple[float, float, str, bool]]:
    """(top, bottom, text, is heading) of every block, in order."""
    layout, out = doc.documentLayout(), []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        out.append(
            (rect.top(), rect.bottom(), block.text(), bool(block.blockFormat().headingLevel()))
        )
        block = block.next()
    return out


def _text_at(doc: QTextDocument, y: float) -> str:
    """The text of the first block that starts at or below ``y``."""
    return next((text for top, _, text, _ in _blocks(doc) if top >= y - 0.5), "")


def test_pages_cover_the_document_without_overflow(qapp) -> None:
    doc = _doc("".join(f"<p>Paragraph {i} " + "word " * 40 + "</p>" for i in range(30)))
    slices = paginate(doc, PAGE)
    assert slices[0].top == 0
    assert all(a.bottom == b.top for a, b in zip(slices, slices[1:], strict=False))
    assert slices[-1].bottom == pytest.approx(doc.documentLayout().documentSize().height())
    assert all(s.bottom - s.top <= PAGE for s in slices)


def test_a_heading_never_ends_a_page(qapp) -> None:
    filler = "".join(f"<p>Line {i}</p>" for i in range(12))
    doc = _doc(filler + "<h2>Section heading</h2><p>" + "text " * 200 + "</p>" + filler * 3)
    blocks = _blocks(doc)
    for s in paginate(doc, PAGE)[:-1]:
        last = [b for b in blocks if b[0] < s.bottom][-1]
        assert not last[3], f"page ends with the heading {last[2]!r}"


def test_a_long_table_repeats_its_header_row(qapp) -> None:
    rows = "".join(f"<tr><td>Skill {i}</td><td>{i}</td></tr>" for i in range(60))
    doc = _doc(
        "<p>Intro</p><table cellpadding='4'><thead><tr><th>Skill</th><th>Level</th></tr>"
        f"</thead>{rows}</table>"
    )
    slices = paginate(doc, PAGE)
    assert len(slices) >= 3
    assert slices[0].header is None
    for s in slices[1:]:
        assert s.header is not None and 0 < s.header_height < 40
        assert _text_at(doc, s.header[0]) == "Skill"
        assert s.bottom - s.top + s.header_height <= PAGE


def test_a_forced_page_break_is_honoured(qapp) -> None:
    doc = _doc("<p style='page-break-after: always'>Cover</p><p>Next page</p>")
    slices = paginate(doc, PAGE)
    assert len(slices) == 2
    assert _text_at(doc, slices[1].top + 1) == "Next page"


@pytest.mark.parametrize("forced", [False, True])
def test_a_few_lines_are_never_left_alone_on_a_page(qapp, monkeypatch, forced: bool) -> None:
    """The last page, or the page before a section that starts a page, would hold a few
    lines: it takes whole paragraphs from the page before instead."""
    from plnjournal.report_pdf import pagination

    after = "<h2 style='page-break-before: always'>Charts</h2><p>A chart</p>" if forced else ""
    for n in range(10, 30):  # a length whose last page holds just a line or two
        paras = "".join(f"<p>Paragraph {i} " + "word " * 28 + "</p>" for i in range(n))
        doc = _doc(paras + "<p>The last lines, " + "word " * 25 + "</p>" + after)
        with monkeypatch.context() as m:
            m.setattr(pagination, "NEARLY_EMPTY", 0.0)  # as it was before the rule
            loose = paginate(doc, PAGE)
        short = loose[-2] if forced else loose[-1]
        if short.bottom - short.top < 0.2 * PAGE:
            break
    else:
        pytest.fail("no layout left a page nearly empty")
    slices = paginate(doc, PAGE)
    assert len(slices) == len(loose)
    short = slices[-2] if forced else slices[-1]
    assert short.bottom - short.top >= 0.2 * PAGE
    before = slices[slices.index(short) - 1]
    assert before.bottom - before.top >= 0.5 * PAGE
    assert all(s.bottom - s.top <= PAGE for s in slices)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_demo_report_pages_are_well_filled(demo_db, qapp, paper: str) -> None:
    """Every page is filled at least halfway down, but the cover, the last page and a page
    that ends where a section must start a new one (the charts): no page with two lines on
    it, nothing pushed off a page."""
    with demo_db.session() as s:
        options = ReportOptions(
            start=dt.date(2026, 8, 29), end=dt.date(2026, 11, 28), entry_ids=(300, 320, 340)
        )
        report = build_report(s, options)
    document = build_document(report, paper)
    geometry = PageGeometry.for_paper(paper)
    assert document.page_count >= 4
    for s in document.slices:
        assert s.bottom - s.top + s.header_height <= geometry.content.height() + 0.5
    white = QColor("white").rgb()
    for index in range(1, document.page_count - 1):
        if document.slices[index].forced_end:
            continue
        image = document.page_image(index, 120)
        footer_top = int(
            image.height() * (1 - (geometry.margin_bottom + geometry.footer) / geometry.height)
        )
        lowest_ink = max(
            (
                y
                for y in range(footer_top)
                if any(image.pixel(x, y) != white for x in range(0, 120, 2))
            ),
            default=0,
        )
        assert lowest_ink > image.height() * 0.5, f"page {index + 1} is nearly empty"


def test_a_report_prepared_beforehand_is_the_same_report(demo_db, qapp) -> None:
    """export-pdf makes the HTML and attachment while the charts are drawn elsewhere: the
    document is the one made in one go, and the chart keys are known before any is drawn."""
    from plnjournal.core.report.charts import chart_images, chart_keys
    from plnjournal.core.report.data_json import report_json
    from plnjournal.report_pdf.writer import prepare_report

    with demo_db.session() as s:
        report = build_report(
            s, ReportOptions(start=dt.date(2026, 8, 29), end=dt.date(2026, 11, 28))
        )
    prepared = prepare_report(report)
    width = PageGeometry.for_paper("a4").content.width() / 96
    drawn = {c.key: c.svg for c in chart_images(report.charts, width)}
    assert list(prepared.chart_keys) == chart_keys(report.charts) == list(drawn)
    assert "trends-2" in drawn  # the demo's 27 skills take two "ratings over time" figures
    ahead = build_document(report, "a4", charts=drawn, prepared=prepared)
    alone = build_document(report, "a4", charts=drawn)
    assert ahead.doc.toHtml() == alone.doc.toHtml()
    assert [(p.top, p.bottom) for p in ahead.slices] == [(p.top, p.bottom) for p in alone.slices]
    assert prepared.attachment == report_json(report)
