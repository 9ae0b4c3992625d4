"""Every chart drawn offscreen from the demo journal, light and dark: every skill labelled,
no label overlapping another or leaving the figure, and the details behind a point."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.charts.style import row_labels_of
from plnjournal.core.insights.chart_data import CHART_KINDS, make_chart
from tests.conftest import TODAY

START = TODAY - dt.timedelta(days=364)
CODES_START = {"PL", "CL", "IN", "AS", "PA", "PG"}


def _texts_inside_and_apart(fig) -> None:
    """Render, then check every visible text sits inside the figure and tick labels on the
    same axis never overlap."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_visible()]
    for t in texts:
        if not t.get_text().strip():
            continue
        ext = t.get_window_extent(renderer)
        assert ext.x0 >= box.x0 - 1 and ext.x1 <= box.x1 + 1, f"{t.get_text()!r} leaves the figure"
        assert ext.y0 >= box.y0 - 1 and ext.y1 <= box.y1 + 1, f"{t.get_text()!r} leaves the figure"
    for ax in fig.axes:
        rows = [t for t in ax.texts if t.get_text() in set(row_labels_of(ax))]
        for labels in (ax.get_yticklabels(), ax.get_xticklabels(), rows):
            boxes = [lb.get_window_extent(renderer) for lb in labels if lb.get_text().strip()]
            for a, b in zip(boxes, boxes[1:], strict=False):
                assert not a.overlaps(b), "tick labels overlap"


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_every_chart_draws_cleanly(demo_db, kind: str) -> None:
    with demo_db.session() as s:
        fig = make_chart(s, kind, start=START, end=TODAY, today=TODAY)
        dark = make_chart(s, kind, start=START, end=TODAY, dark=True, today=TODAY)
    _texts_inside_and_apart(fig)  # the dark variant has the same layout, other colours
    assert fig.get_facecolor()[0] > 0.9 and dark.get_facecolor()[0] < 0.2
    assert all(t.get_color().upper() != "#1A1A1A" for t in dark.texts)  # no dark-on-dark text
    labels = {lb for ax in fig.axes for lb in row_labels_of(ax)}
    if kind in ("avoidance", "heatmap", "blindspots"):
        assert sum(1 for lb in labels if lb[:3] in {"PA1", "CL1", "AS1"}) == 3
        assert len([lb for lb in labels if lb.strip()]) == 27  # every skill has its row
    if kind == "trends":
        titles = [t.get_text() for t in fig.axes[0].texts if t.get_text()[:2] in CODES_START]
        assert len(titles) == 27 and titles[0].startswith("PL1")


def test_the_details_behind_a_point(demo_db) -> None:
    from plnjournal.core.charts.style import details_at

    with demo_db.session() as s:
        ranking = make_chart(s, "avoidance", end=TODAY, today=TODAY)
        heat = make_chart(s, "heatmap", start=START, end=TODAY, today=TODAY)
        cal = make_chart(s, "calendar", start=START, end=TODAY, today=TODAY)
        blind = make_chart(s, "blindspots", end=TODAY, today=TODAY)
    top = details_at(ranking, ranking.axes[0], 10, 0)
    assert top.startswith(
        "PA1 Difficult conversations with parents (Partnerships): act now, avoidance score 95 "
        "out of 100"
    )
    assert "• Time since the last reflection, the full 40 points: Never reflected on" in top
    assert details_at(ranking, ranking.axes[0], 10, 99) is None
    pa1_row = next(i for i, t in enumerate(row_labels_of(heat.axes[0])) if "PA1" in t)
    assert details_at(heat, heat.axes[0], 10, pa1_row).endswith(": no reflections")
    cell = details_at(cal, cal.axes[0], 52, 5)  # the last Saturday: 28 Nov 2026
    assert cell.startswith("Sat 28 Nov 2026: ")
    as1 = next(i for i, t in enumerate(row_labels_of(blind.axes[0])) if "AS1" in t)
    assert "Blind spot" in details_at(blind, blind.axes[0], 3, as1)


def test_one_skill_and_empty_journals(demo_db, db) -> None:
    from plnjournal.core.charts.style import details_at

    with demo_db.session() as s:
        fig = make_chart(s, "trends", start=START, end=TODAY, codes=["AS1"], today=TODAY)
        titles = [t.get_text() for t in fig.axes[0].texts if t.get_text()[:2] in CODES_START]
        assert titles == ["AS1 Giving feedback to students"]
        point = details_at(fig, fig.axes[0], 5.0, 2.0)
        assert point.startswith("AS1 Giving feedback to students: target 4")
        cal = make_chart(s, "calendar", start=START, end=TODAY, codes=["PA1"], today=TODAY)
        assert "0 of 365 days with reflections" in " ".join(t.get_text() for t in cal.texts)
    with db.session() as s:
        for kind in CHART_KINDS:
            fig = make_chart(s, kind, start=START, end=TODAY, today=TODAY)
            _texts_inside_and_apart(fig)


@pytest.mark.parametrize("kind", ["avoidance", "heatmap", "blindspots"])
def test_each_row_is_labelled_beside_the_axes_like_a_tick(demo_db, kind: str) -> None:
    """The skill labels are plain texts (a Tick per row is slow to draw), placed where tick
    labels would be: right-aligned a tick and a pad (6.5 pt) left of the axes, one per row,
    centred on it, in the rows' order."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with demo_db.session() as s:
        fig = make_chart(s, kind, start=START, end=TODAY, today=TODAY)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    names = row_labels_of(ax)
    texts = [t for t in ax.texts if t.get_text() in set(names)]
    assert [t.get_text() for t in texts] == names and len(names) == 27
    assert not ax.get_yticklabels()  # no Tick objects behind them
    left = ax.get_window_extent(renderer).x0
    for row, text in enumerate(texts):
        box = text.get_window_extent(renderer)
        assert box.x1 == pytest.approx(left - 6.5 * fig.dpi / 72, abs=0.5)
        centre = ax.transData.transform((0, row))[1]
        assert box.y0 < centre < box.y1


def test_a_chart_with_nothing_to_draw_says_what_it_will_show(teaching_db) -> None:
    """A journal with skills but no reflections or ratings: sentences, not empty grids."""
    with teaching_db.session() as s:
        figs = {k: make_chart(s, k, start=START, end=TODAY, today=TODAY) for k in CHART_KINDS}
    said = {k: " ".join(t.get_text() for t in f.texts) for k, f in figs.items()}
    assert "No reflections linked to a skill" in said["heatmap"] and not figs["heatmap"].axes
    assert "No ratings yet" in said["trends"] and not figs["trends"].axes
    assert "No ratings yet" in said["blindspots"] and not figs["blindspots"].axes
    for fig in figs.values():
        _texts_inside_and_apart(fig)
