"""The progress report's charts: the Insights view's own figures, laid out for the page, as SVG.

The figures come from ``core/charts/figures.py`` (the same functions the window draws with), asked
for a page's width so they print at their normal type size rather than shrunk. They are
written as SVG with text kept as text, so the PDF engine can draw them as vectors with
selectable labels.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.core.report.chart_data import ChartData
from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    import matplotlib as mpl
    from matplotlib import figure as mpl_figure
    from matplotlib.backends import backend_svg

    from plnjournal.core.charts import figures
else:
    # matplotlib and the figures (which import it): loaded when the first chart is drawn.
    # ``chart_keys`` (the PDF's text, which ``export-pdf`` makes while its chart worker draws)
    # must not wait for them. What it saves: docs/performance.md, "Where the start-up
    # deferrals are, and what each saves".
    mpl = lazy_module("matplotlib")
    backend_svg = lazy_module("matplotlib.backends.backend_svg")
    mpl_figure = lazy_module("matplotlib.figure")
    figures = lazy_module("plnjournal.core.charts.figures")

# At most this many skills to one "ratings over time" figure, so each fits a page.
TRENDS_PER_FIGURE = 15

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ChartImage:
    key: str  # "avoidance", "blindspots", "heatmap", "calendar", "trends-1", …
    svg: bytes


def chart_keys(data: ChartData) -> list[str]:
    """The keys of the report's charts, in order, without drawing them (nor importing
    matplotlib): what the PDF's text needs to know before the charts are drawn."""
    return [key for key, _make in chart_makers(data, width_in=0.0)]


def chart_makers(
    data: ChartData, width_in: float
) -> list[tuple[str, Callable[[], mpl_figure.Figure]]]:
    """Every chart of the report, in the order it shows them, as (key, figure maker): a
    caller may share them out (``cli/chart_worker.py`` draws them in two processes). Making
    the list imports nothing heavy; each maker imports matplotlib when it draws."""

    def draw(name: str, *args: object, **kwargs: object) -> Callable[[], mpl_figure.Figure]:
        def make() -> mpl_figure.Figure:
            chart: Callable[..., mpl_figure.Figure] = getattr(figures, name)
            return chart(*args, width=width_in, **kwargs)

        return make

    parts = [
        data.series[i : i + TRENDS_PER_FIGURE]
        for i in range(0, len(data.series), TRENDS_PER_FIGURE)
    ] or [[]]
    # The calendar goes first, with the summary's days journaled and streak.
    return [
        ("calendar", draw("calendar_chart", data.days, data.start, data.end, today=data.end)),
        ("avoidance", draw("avoidance_chart", data.scores)),
        ("blindspots", draw("blindspot_chart", data.skill_matrix)),
        ("heatmap", draw("heatmap_chart", data.heatmap)),
        *(
            (f"trends-{n}", draw("trends_chart", part, data.scale, data.start, data.end))
            for n, part in enumerate(parts, start=1)
        ),
    ]


def chart_images(
    data: ChartData, width_in: float, progress: ProgressFn | None = None
) -> list[ChartImage]:
    """Every chart of the report, in the order it shows them."""
    makers = chart_makers(data, width_in)
    images = []
    for i, (key, make) in enumerate(makers):
        if progress is not None:
            progress(i, len(makers), "Drawing the charts…")
        images.append(ChartImage(key, figure_svg(make())))
    return images


def figure_svg(fig: mpl_figure.Figure) -> bytes:
    """The figure as SVG, its text as text (``svg.fonttype: none``): crisp at any zoom,
    selectable in the PDF, and a fraction of the size of glyph outlines."""
    backend_svg.FigureCanvasSVG(fig)
    out = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "plnjournal"}):
        # No date in it: the same chart is the same file, wherever and whenever it is drawn.
        fig.savefig(out, format="svg", facecolor=fig.get_facecolor(), metadata={"Date": None})
    return out.getvalue()


def chart_fonts() -> list[str]:
    """The font files matplotlib laid the charts out with (its own DejaVu Sans), so the PDF
    draws their text in the very same font on every system."""
    folder = Path(mpl.get_data_path()) / "fonts" / "ttf"
    return [str(p) for p in sorted(folder.glob("DejaVuSans*.ttf")) if "Mono" not in p.name]


def warm_up() -> None:
    """Draw a tiny chart once, so that the first real one does not pay for loading the fonts
    and the SVG writer (the chart worker does this while it waits for the report)."""
    fig = mpl_figure.Figure(figsize=(2, 1))
    ax = fig.add_axes((0.2, 0.2, 0.7, 0.7))
    ax.text(0.5, 0.5, "Ag 1", fontsize=9, ha="center", va="center")
    fig.text(0.1, 0.9, "Ag 1", fontsize=12, fontweight="bold", va="top")
    figure_svg(fig)
