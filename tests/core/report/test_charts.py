"""The report's charts: the Insights figures laid out for a page, with the report's privacy."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from plnjournal.core.charts import figures as charts
from plnjournal.core.report.charts import chart_images
from plnjournal.core.report.content import ReportOptions, build_report
from tests.conftest import TODAY
from tests.core.charts.test_figures import _texts_inside_and_apart
from tests.core.report.test_content import SECRET, _day, _journal, _report

A4_IN, LETTER_IN = 6.69, 6.93
START = dt.date(2025, 11, 29)


@pytest.fixture(scope="module")
def year_report(demo_template):
    from plnjournal.storage.db import open_database

    db = open_database(demo_template)
    try:
        with db.session() as s:
            return build_report(s, ReportOptions(start=START, end=TODAY, generated_on=TODAY))
    finally:
        db.close()


@pytest.mark.parametrize("width", [A4_IN, LETTER_IN])
def test_every_chart_fits_the_page_at_full_size(year_report, width: float) -> None:
    """Each chart is as wide as the page's text, nothing leaves it or overlaps, and it is
    never taller than a page (so it prints at its own type size, not shrunk)."""
    d = year_report.charts
    figures = [
        charts.avoidance_chart(d.scores, width=width),
        charts.blindspot_chart(d.skill_matrix, width=width),
        charts.heatmap_chart(d.heatmap, width=width),
        charts.calendar_chart(d.days, d.start, d.end, today=d.end, width=width),
        charts.trends_chart(d.series[:15], d.scale, d.start, d.end, width=width),
    ]
    for fig in figures:
        assert fig.get_figwidth() == pytest.approx(width)
        assert fig.get_figheight() < 9.0
        _texts_inside_and_apart(fig)
    hints = " ".join(t.get_text() for t in figures[0].texts)
    assert "Hover" not in hints  # a page cannot be hovered


def test_chart_images_are_vector_svg_with_text(year_report) -> None:
    images = chart_images(year_report.charts, A4_IN)
    assert [i.key for i in images] == [
        "calendar",
        "avoidance",
        "blindspots",
        "heatmap",
        "trends-1",
        "trends-2",
    ]
    for image in images:
        root = ET.fromstring(image.svg)
        texts = [t for t in root.iter() if t.tag.endswith("text")]
        assert texts, f"{image.key}: labels are text, not outlines"
    ranking = images[1].svg.decode()
    assert "PA1 Difficult conversations with parents" in ranking


def test_chart_data_leaves_private_reflections_out(teaching_db) -> None:
    _journal(teaching_db)
    public, private = _report(teaching_db).charts, _report(teaching_db, include_private=True).charts
    assert _day(3) not in public.days and _day(3) in private.days  # the private day

    def pa1(data):
        row = next(i for i, s in enumerate(data.heatmap.skills) if s.code == "PA1")
        series = next(s for s in data.series if s.skill.code == "PA1")
        return sum(data.heatmap.counts[row]), [m.level for m in series.self_ratings]

    assert pa1(public) == (0, []) and pa1(private) == (1, [5])


def test_anonymized_charts_name_no_mentor(teaching_db) -> None:
    _journal(teaching_db)
    data = _report(teaching_db, anonymize_mentors=True).charts
    svgs = b"".join(i.svg for i in chart_images(data, A4_IN))
    assert b"Okafor" not in svgs and SECRET.encode() not in svgs
    assert all("Okafor" not in r for s in data.scores for r in s.reasons)
    assert all(m.rater == "Mentor A" for s in data.series for m in s.mentor_ratings) and any(
        s.mentor_ratings for s in data.series
    )


def test_no_charts_section_no_charts(teaching_db) -> None:
    _journal(teaching_db)
    sections = ("summary", "matrix")
    assert _report(teaching_db, sections=sections).charts is None
