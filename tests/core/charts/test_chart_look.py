"""How the charts read: the user's words only (no file paths, no "hover" on paper), one
segment per signal family, the scale repeated above tall charts, dots big enough to see."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.collections import PatchCollection, PathCollection
from matplotlib.text import Text

from plnjournal.core.charts import figures
from plnjournal.core.charts.style import SIGNAL_FAMILIES
from plnjournal.core.insights.avoidance import avoidance_scores
from plnjournal.core.insights.chart_data import CHART_KINDS, make_chart
from tests.conftest import TODAY

START = TODAY - dt.timedelta(days=364)
PROGRAM_WORDS = ("docs/", ".md", "hover", "click", "fair share", " 0 days ago")


def _texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text)).casefold()


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_the_charts_speak_the_users_words(demo_db, kind: str) -> None:
    """What a PNG export or the PDF shows cannot be hovered: no chart says to."""
    with demo_db.session() as s:
        for width in (None, 7.0):
            text = _texts(make_chart(s, kind, start=START, end=TODAY, today=TODAY, width=width))
            assert [w for w in PROGRAM_WORDS if w in text] == []


def test_a_signal_family_is_one_segment(demo_db) -> None:
    with demo_db.session() as s:
        scores = avoidance_scores(s, TODAY)
    fig = figures.avoidance_chart(scores)
    (bars,) = [c for c in fig.axes[0].collections if isinstance(c, PatchCollection)]
    assert set(bars.get_linewidths()) == {0}  # no lines between pieces of one colour
    families = [names.split(",") for _colour, names in SIGNAL_FAMILIES.values()]
    expected = sum(
        1 for sc in scores for names in families if sum(sc.signal(n).points for n in names) > 0
    )
    assert len(bars.get_paths()) == expected


@pytest.mark.parametrize("kind", ["avoidance", "heatmap", "blindspots"])
def test_tall_charts_repeat_their_scale_above(demo_db, kind: str) -> None:
    with demo_db.session() as s:
        tall = make_chart(s, kind, start=START, end=TODAY, today=TODAY)
        short = make_chart(s, kind, start=START, end=TODAY, today=TODAY, codes=["PA1", "CL1"])
    (top,) = tall.axes[0].child_axes
    assert [t.get_text() for t in top.get_xticklabels() if t.get_text()]
    assert top.get_xticklabels()[0].get_window_extent().y0 > tall.axes[0].bbox.y1  # above
    assert short.axes[0].child_axes == []


def test_trend_dots_are_at_least_six_pixels(demo_db) -> None:
    with demo_db.session() as s:
        fig = make_chart(s, "trends", start=START, end=TODAY, today=TODAY)
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert dots
    # Sizes are areas in points²; the window never draws under 72 dpi (1 pt = 1 px).
    assert all(min(c.get_sizes()) ** 0.5 >= 6 for c in dots)
