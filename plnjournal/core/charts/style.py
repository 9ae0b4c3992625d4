"""Colours, themes and small drawing helpers shared by the charts (``core/charts/figures.py``).

Colour-blind safe: categories use the Okabe–Ito hues, amounts a single-hue scale (blue for
the heat map, green for the calendar; lighter for more in dark, darker in light), and nothing
is told by colour alone (markers, labels and hover text say it too). The colours are the
palette's (core/palette.py), measured for contrast by its test.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.markers import TICKLEFT
from matplotlib.transforms import ScaledTranslation

from plnjournal.core import palette


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: str
    text: str
    muted: str  # secondary text, axes
    grid: str
    band: str  # alternate-row and highlight bands
    highlight: str  # blind-spot band (the row's note says "Blind spot" too)
    self_colour: str
    mentor_colour: str
    target_colour: str
    heat: tuple[str, ...]  # none, 1, 2, 3, 4 or more reflections in a week
    days: tuple[str, ...]  # none, 1, 2, 3 or more reflections in a day


def _theme(p: palette.Palette, band: str, highlight: str) -> Theme:
    return Theme(
        dark=p.dark,
        background=p.background,
        text=p.text,
        muted=p.muted,
        grid=p.grid,
        band=band,
        highlight=highlight,
        self_colour=p.self_colour,
        mentor_colour=p.mentor_colour,
        target_colour=p.target_colour,
        heat=p.heat,
        days=p.days,
    )


# The colours come from core/palette.py, where a test measures every pair.
LIGHT = _theme(palette.LIGHT, band="#F4F5F7", highlight="#FFF1C2")
DARK = _theme(palette.DARK, band="#26282C", highlight="#4A4020")

# Signal families of the avoidance ranking: one hue each (Okabe–Ito, darkened or lightened
# in the palette where it would not stand out from the background).
SIGNAL_FAMILIES: dict[str, tuple[str, str]] = {
    # family label: (palette family, signals joined by ",")
    "Not reflected on": ("blue", "overdue,cadence,linked_only"),
    "What mentors say": ("vermillion", "unanswered,escalated,blind_spot,gap"),
    "Put off": ("purple", "nudges,commitments"),
    "Shallow or comfortable": ("green", "comfort,depth"),
    "Not asked for feedback": ("yellow", "feedback"),
}
SIGNAL_COLOUR = {
    name: palette.LIGHT.families[family]
    for family, names in SIGNAL_FAMILIES.values()
    for name in names.split(",")
}
DARK_SIGNAL_COLOUR = {
    name: palette.DARK.families[family]
    for family, names in SIGNAL_FAMILIES.values()
    for name in names.split(",")
}

FONT_SIZE = 9
TITLE_SIZE = 12


def theme(dark: bool) -> Theme:
    """The light or dark variant, so every chart follows the window's theme."""
    return DARK if dark else LIGHT


def new_figure(width: float, height: float, th: Theme) -> Figure:
    """A Figure not tied to pyplot (no global state, safe off the GUI thread)."""
    fig = Figure(figsize=(width, height), dpi=100, facecolor=th.background)
    return fig


def axes_in(fig: Figure, left: float, right: float, top: float, bottom: float) -> Axes:
    """Axes placed by margins in inches, so labels keep their room at any figure size."""
    w, h = fig.get_figwidth(), fig.get_figheight()
    return fig.add_axes((left / w, bottom / h, 1 - (left + right) / w, 1 - (top + bottom) / h))


def empty_figure(heading: str, message: str, th: Theme) -> Figure:
    """What a chart shows when there is nothing to draw, said in words."""
    fig = new_figure(8, 2.2, th)
    title(fig, heading, "", th, 0)
    fig.text(0.5, 0.45, message, ha="center", va="center", fontsize=11, color=th.muted)
    return fig


def period_text(start: dt.date, end: dt.date) -> str:
    """ "3 Nov 2025 – 2 Nov 2026": the period as the charts' subtitles say it."""
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def count_colours(th: Theme, steps: int) -> list[str]:
    """The empty colour, then ``steps`` colours for counts 1, 2, …: the heat map's scale
    (4 steps) or the calendar's (3), from the palette."""
    scale = th.heat if steps == len(th.heat) - 1 else th.days
    assert steps == len(scale) - 1, steps
    return list(scale)


def style_axes(ax: Axes, th: Theme, *, grid_axis: Literal["both", "x", "y"] | None = "x") -> None:
    """The house look for an axes (two spines, muted ticks, a light grid on ``grid_axis``),
    so every chart reads alike."""
    ax.set_facecolor(th.background)
    for side, spine in ax.spines.items():
        spine.set_visible(side in ("left", "bottom"))
        spine.set_color(th.grid)
    ax.tick_params(colors=th.muted, labelcolor=th.text, labelsize=FONT_SIZE, length=TICK_LEN)
    if grid_axis:
        ax.grid(axis=grid_axis, color=th.grid, linewidth=0.6)
        ax.set_axisbelow(True)


TICK_LEN = 3  # points: the tick marks of ``style_axes``
TALL_ROWS = 15  # a chart with more rows than this repeats its x axis above them
TOP_AXIS_IN = 0.22  # inches the repeated axis' labels take above the rows


def top_axis_room(rows: int) -> float:
    """Inches to add to a chart's top margin for ``top_axis`` (none for a short chart)."""
    return TOP_AXIS_IN if rows > TALL_ROWS else 0.0


def top_axis(ax: Axes, th: Theme, rows: int, ticks: Sequence[float], labels: Sequence[str]) -> None:
    """The x axis repeated above a tall chart (more than ``TALL_ROWS`` rows), so the scale
    is in sight at either end; ``top_axis_room`` made room for it."""
    if rows <= TALL_ROWS:
        return
    top = ax.secondary_xaxis("top")
    top.set_xticks(list(ticks), list(labels))
    top.tick_params(
        colors=th.muted, labelcolor=th.text, labelsize=FONT_SIZE - 0.5, length=TICK_LEN, pad=2
    )
    for spine in top.spines.values():
        spine.set_visible(False)


TICK_PAD = 3.5  # points between a tick mark and its label (matplotlib's default)
_ROW_LABELS: weakref.WeakKeyDictionary[Axes, list[str]] = weakref.WeakKeyDictionary()


def row_labels(ax: Axes, rows: Sequence[float], labels: Sequence[str], th: Theme) -> None:
    """A label and a tick mark on the left of each row, as ``ax.set_yticks(rows, labels)``
    after ``style_axes`` draws them, but as one text per row and one line of marks: a
    matplotlib Tick is five artists to make and draw (docs/performance.md, "One-year PDF")."""
    ax.set_yticks([])
    beside = ax.get_yaxis_transform()  # x in axes fractions, y in rows
    shift = ScaledTranslation(-(TICK_LEN + TICK_PAD) / 72, 0, ax.figure.dpi_scale_trans)
    for y, label in zip(rows, labels, strict=True):
        ax.text(
            0,
            y,
            label,
            transform=beside + shift,
            ha="right",
            va="center_baseline",
            fontsize=FONT_SIZE,
            color=th.text,
        )
    ax.plot(
        [0] * len(rows),
        list(rows),
        linestyle="",
        marker=TICKLEFT,
        markersize=TICK_LEN,
        markeredgewidth=0.8,
        color=th.muted,
        transform=beside,
        clip_on=False,
    )
    _ROW_LABELS[ax] = list(labels)


def row_labels_of(ax: Axes) -> list[str]:
    """The row labels ``row_labels`` gave ``ax``, top to bottom as given."""
    return list(_ROW_LABELS.get(ax, []))


def title(fig: Figure, text: str, subtitle: str, th: Theme, top_in: float) -> None:
    """Title and subtitle at fixed distances (inches) from the figure's top edge."""
    height = fig.get_figheight()
    fig.text(
        0.01,
        1 - 0.12 / height,
        text,
        ha="left",
        va="top",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=th.text,
    )
    fig.text(
        0.01, 1 - 0.36 / height, subtitle, ha="left", va="top", fontsize=FONT_SIZE, color=th.muted
    )


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut with an ellipsis to ``limit`` characters: labels never
    overlap their neighbours."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit_chars(width_in: float, font_size: float = FONT_SIZE) -> int:
    """How many characters of DejaVu Sans at ``font_size`` fit in ``width_in`` inches.

    English text averages 0.50 em a character in DejaVu Sans (measured); 0.54 leaves room.
    Measuring each string with matplotlib's text layout instead would cost a layout per string
    (docs/performance.md, "The charts").
    """
    return max(8, int(width_in * 72 / (font_size * 0.54)))


LABEL_IN = 3.2  # the skill-label column of the ranking, heat map and blind-spot charts

# --- laying a chart out for a printed page (the PDF report) ------------------------------
# Every chart takes ``width``: None is the window's layout; a number of inches lays the
# chart out for a page that wide at the same font sizes (so it prints at 9 pt, never
# scaled down): the subtitle wraps, the legend takes as many rows as it needs, and side
# notes that do not fit are left out (the report prints them as text).

LINE_IN = 0.16  # one more line of FONT_SIZE text
LEGEND_ROW_IN = 0.24  # one more row of legend entries


@dataclass(frozen=True)
class PageHeader:
    subtitle: str
    ncol: int
    extra: float  # inches added to the top margin by a wrapped subtitle and legend rows

    def legend_y(self, fig: Figure) -> float:
        """The legend's top, in figure fractions, below the (possibly wrapped) subtitle."""
        return 1 - (0.62 + self.extra_subtitle) / fig.get_figheight()

    # ``extra``: any of matplotlib's own legend options, passed through unchecked.
    def legend(self, fig: Figure, handles: Sequence[Artist], th: Theme, **extra: Any) -> Legend:
        """The chart's legend where this header made room for it: under the subtitle, in
        ``ncol`` columns, in the theme's text colour (``extra``: matplotlib's own options)."""
        return fig.legend(
            handles=handles,
            loc="upper left",
            ncol=self.ncol,
            frameon=False,
            fontsize=FONT_SIZE,
            bbox_to_anchor=(0.01, self.legend_y(fig)),
            labelcolor=th.text,
            **extra,
        )

    @property
    def extra_subtitle(self) -> float:
        """Inches the subtitle's extra (wrapped) lines take, which push the legend down."""
        return LINE_IN * self.subtitle.count("\n")


def page_header(
    subtitle: str, labels: list[str], width: float | None, *, ncol: int | None = None
) -> PageHeader:
    """How the subtitle and a legend with ``labels`` fit a chart ``width`` inches wide
    (None: the window's layout, unchanged: one subtitle line, one legend row)."""
    if width is None:
        return PageHeader(subtitle, ncol or len(labels) or 1, 0.0)
    lines = textwrap.wrap(subtitle, fit_chars(width - 0.25)) or [""]
    cols = ncol or len(labels) or 1
    while cols > 1 and _legend_width(labels, cols) > width - 0.25:
        cols -= 1
    rows = -(-len(labels) // cols) if labels else 1
    extra = LINE_IN * (len(lines) - 1) + LEGEND_ROW_IN * (rows - 1)
    return PageHeader("\n".join(lines), cols, extra)


def _legend_width(labels: list[str], ncol: int) -> float:
    """Inches a legend of ``labels`` in ``ncol`` columns takes (marker, gap, text)."""
    rows = -(-len(labels) // ncol)
    columns = [labels[i * rows : (i + 1) * rows] for i in range(ncol)]  # filled column-wise
    per_char = FONT_SIZE * 0.54 / 72
    return sum(0.55 + per_char * max(len(t) for t in col) for col in columns if col)


def skill_label(code: str, name: str, limit: int | None = None) -> str:
    """ "CODE  Name", cut to fit the label column (or ``limit`` characters)."""
    return shorten(f"{code}  {name}", limit or fit_chars(LABEL_IN - 0.2))


# --- the details behind a point (hover and click in the window) --------------------------

Lookup = Callable[[Axes, float, float], str | None]
_LOOKUPS: weakref.WeakKeyDictionary[Figure, Lookup] = weakref.WeakKeyDictionary()


def set_details(fig: Figure, lookup: Lookup) -> None:
    """Register what the figure tells about a point (``details_at``): the window's hover
    and click ask it, without knowing which chart it is."""
    _LOOKUPS[fig] = lookup


def details_at(fig: Figure, ax: Axes | None, x: float | None, y: float | None) -> str | None:
    """Plain text describing what is under data point (x, y) of ``ax``, or None."""
    lookup = _LOOKUPS.get(fig)
    if lookup is None or ax is None or x is None or y is None:
        return None
    return lookup(ax, x, y)
