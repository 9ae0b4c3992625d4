"""The insight charts as pure functions: core data in, a matplotlib ``Figure`` out.

The window (a QtAgg canvas), the ``chart`` command and the PDF report draw the same figures.
Figures are built with ``matplotlib.figure.Figure`` directly, never pyplot, so there is no
global state and they can be built off the GUI thread. It imports matplotlib: only the
chart-building code imports it. Sizes are in inches and grow with the number of skills, so 40 skills never
overlap; every chart takes ``dark`` for the dark theme. ``chart_style.details_at`` tells
what is under a point (hover and click in the window).
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from plnjournal.core.charts.over_time import calendar_chart, heatmap_chart
from plnjournal.core.charts.style import (
    DARK_SIGNAL_COLOUR,
    FONT_SIZE,
    LABEL_IN,
    SIGNAL_COLOUR,
    SIGNAL_FAMILIES,
    axes_in,
    empty_figure,
    fit_chars,
    new_figure,
    page_header,
    row_labels,
    set_details,
    shorten,
    skill_label,
    style_axes,
    theme,
    title,
    top_axis,
    top_axis_room,
)
from plnjournal.core.charts.trends import trends_chart
from plnjournal.core.insights.avoidance import (
    ACT_NOW_FROM,
    DEFAULT_WEIGHTS,
    WATCH_FROM,
    SkillScore,
    describe_score,
    quiet_text,
    short_date,
)
from plnjournal.core.skills.matrix import MatrixRow, SkillMatrix
from plnjournal.errors import PlnError

# --- avoidance ranking ------------------------------------------------------------------

STACK_ORDER = [n for _colour, names in SIGNAL_FAMILIES.values() for n in names.split(",")]
assert sorted(STACK_ORDER) == sorted(DEFAULT_WEIGHTS), "every signal belongs to one family"


def avoidance_chart(
    scores: Sequence[SkillScore],
    *,
    dark: bool = False,
    limit: int | None = None,
    width: float | None = None,
) -> Figure:
    """Skills ranked by avoidance score, each bar split into its signals, with the strongest
    reason beside it (on a page too narrow for it, ``width``, the reasons are left out)."""
    th = theme(dark)
    rows = list(scores[:limit] if limit else scores)
    heading = "What you keep avoiding"
    if not rows:
        return empty_figure(heading, "No skills to score yet.", th)
    colours = DARK_SIGNAL_COLOUR if dark else SIGNAL_COLOUR
    as_of = rows[0].as_of
    # Said the same on screen, in a PNG and on paper: how to hover is the window's to say.
    subtitle = (
        f"As of {as_of.day} {as_of:%B %Y}; each bar is the sum of named signals. Act now from "
        f"{ACT_NOW_FROM}, watch from {WATCH_FROM}."
    )
    head = page_header(subtitle, list(SIGNAL_FAMILIES), width)
    top, bottom, row_h = 1.25 + head.extra, 0.55, 0.3 if width is None else 0.24
    top += top_axis_room(len(rows))
    width = width or 13.0
    bar_in, reason_gap, right = 3.2, 0.45, 0.2
    show_reasons = width - LABEL_IN - bar_in - reason_gap - right >= 2.0
    if not show_reasons:
        bar_in = width - LABEL_IN - 0.45  # room for the score beside the longest bar
    fig = new_figure(width, top + bottom + row_h * len(rows), th)
    ax = axes_in(fig, LABEL_IN, width - LABEL_IN - bar_in, top, bottom)
    style_axes(ax, th)
    ys = list(range(len(rows)))
    # One collection of every non-empty segment: as many bars as ``barh`` would draw, but
    # without its per-bar bookkeeping (the axes' limits are set below); docs/performance.md,
    # "The charts", says what it saves.
    # A family's signals make one segment: same-colour pieces split by lines would read as
    # separate things the legend does not name (the hover text lists each signal).
    segments, faces = [], []
    for y, r in zip(ys, rows, strict=True):
        left = 0.0
        for _family, names in SIGNAL_FAMILIES.values():
            points = sum(r.signal(name).points for name in names.split(","))
            if points > 0:
                segments.append(Rectangle((left, y - 0.31), points, 0.62))
                faces.append(colours[names.split(",")[0]])
            left += points
    ax.add_collection(
        PatchCollection(segments, facecolors=faces, linewidths=0, zorder=2), autolim=False
    )
    for y, r in zip(ys, rows, strict=True):
        ax.text(
            r.score + 1.2,
            y,
            str(r.score),
            va="center",
            ha="left",
            fontsize=FONT_SIZE,
            fontweight="bold",
            color=th.text,
        )
    reason_in = width - LABEL_IN - bar_in - reason_gap - right
    chars = fit_chars(reason_in)
    for y, r in zip(ys, rows, strict=True):
        if not show_reasons:
            break
        # The band in words before the reason, so it never rests on the bar's length alone.
        text = f"{str(r.band).capitalize()}: " + (r.reasons[0] if r.reasons else quiet_text(r))
        ax.text(
            1 + reason_gap / bar_in,
            y,
            shorten(text, chars),
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=FONT_SIZE - 0.5,
            clip_on=False,
            color=th.text if r.reasons else th.muted,
        )
    if show_reasons:
        ax.text(
            1 + reason_gap / bar_in,
            -0.9,
            "Strongest reason",
            transform=ax.get_yaxis_transform(),
            va="bottom",
            ha="left",
            fontsize=FONT_SIZE,
            color=th.muted,
            fontweight="bold",
        )
    row_labels(ax, ys, [skill_label(r.code, r.skill) for r in rows], th)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    top_axis(ax, th, len(rows), [0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
    ax.set_xlabel(
        "Avoidance score (0–100): the sum of its signals' points",
        color=th.muted,
        fontsize=FONT_SIZE,
    )
    title(fig, heading, head.subtitle, th, top)
    handles = [
        Patch(color=colours[names.split(",")[0]], label=label)
        for label, (_colour, names) in SIGNAL_FAMILIES.items()
    ]
    head.legend(
        fig,
        handles,
        th,
        handlelength=1.2,
        columnspacing=1.4,
    )

    def details(_ax: Axes, _x: float, y: float) -> str | None:
        i = round(y)
        if not 0 <= i < len(rows):
            return None
        return describe_score(rows[i])

    set_details(fig, details)
    return fig


# --- self vs mentor vs target -----------------------------------------------------------


def blindspot_chart(
    matrix: SkillMatrix, *, dark: bool = False, width: float | None = None
) -> Figure:
    """Per skill: your latest rating, your mentor's and your target; blind spots marked
    (on a page too narrow for it, ``width``, without the levels written beside)."""
    th = theme(dark)
    rows = [r for r in matrix.rows if not r.archived]
    heading = "You, your mentors and your targets"
    if not rows:
        return empty_figure(heading, "No skills yet.", th)
    if not any(r.latest_self or r.latest_mentor for r in rows):
        return empty_figure(
            heading,
            "No ratings yet. Once you rate yourself and your mentors rate you, each skill\n"
            "shows both against its target here, and a blind spot stands out.",
            th,
        )
    lo, hi = matrix.scale_min, matrix.scale_max
    blind = [matrix.is_blind_spot(r) for r in rows]
    n_blind = sum(blind)
    subtitle = (
        f"Latest ratings as of {matrix.as_of.day} {matrix.as_of:%B %Y}. "
        f"Blind spot: you rate yourself more than a third of the scale above your mentor "
        f"({n_blind} {'skill' if n_blind == 1 else 'skills'}, shaded)."
    )
    legend = ["You (latest)", "Mentor (latest)", "Target", "Blind spot"]
    head = page_header(subtitle, legend, width)
    top, bottom, row_h, right = 1.05 + head.extra, 0.75, 0.3 if width is None else 0.24, 3.6
    top += top_axis_room(len(rows))
    width = width or 12.5
    notes = width - LABEL_IN - right >= 3.0
    if not notes:
        right = 0.25
    fig = new_figure(width, top + bottom + row_h * len(rows), th)
    ax = axes_in(fig, LABEL_IN, right, top, bottom)
    style_axes(ax, th)
    ys = list(range(len(rows)))
    for y, is_blind in zip(ys, blind, strict=True):
        if is_blind:
            ax.axhspan(y - 0.48, y + 0.48, color=th.highlight, zorder=0, linewidth=0)
    # One artist per kind of mark, not one per skill: the same picture, drawn much faster.
    links = [
        [(r.latest_self.level, y - 0.13), (r.latest_mentor.level, y + 0.13)]
        for y, r in zip(ys, rows, strict=True)
        if r.latest_self and r.latest_mentor
    ]
    ax.add_collection(LineCollection(links, colors=th.muted, linewidths=1, zorder=2), autolim=False)
    ax.plot(
        [r.target_level for r in rows],
        ys,
        linestyle="",
        marker="|",
        markersize=15,
        markeredgewidth=2.2,
        color=th.target_colour,
        zorder=3,
    )
    mine = [(r.latest_self.level, y - 0.13) for y, r in zip(ys, rows, strict=True) if r.latest_self]
    theirs = [
        (r.latest_mentor.level, y + 0.13) for y, r in zip(ys, rows, strict=True) if r.latest_mentor
    ]
    for points, marker, size, colour in (
        (mine, "o", 7, th.self_colour),
        (theirs, "s", 6.5, th.mentor_colour),
    ):
        if points:
            ax.plot(
                *zip(*points, strict=True),
                linestyle="",
                marker=marker,
                markersize=size,
                color=colour,
                markeredgecolor=th.background,
                zorder=4,
            )
    for y, r, is_blind in zip(ys, rows, blind, strict=True):
        if not notes:
            break
        ax.text(
            1.03,
            y,
            _levels_note(r, is_blind),
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=FONT_SIZE - 0.5,
            clip_on=False,
            color=th.text if is_blind else th.muted,
            fontweight="bold" if is_blind else "normal",
        )
    row_labels(ax, ys, [skill_label(r.code, r.name) for r in rows], th)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(lo - 0.4, hi + 0.4)
    levels = list(range(lo, hi + 1))
    ax.set_xticks(
        levels, [f"{lv}\n" + "\n".join(textwrap.wrap(matrix.label(lv), 11)) for lv in levels]
    )
    ax.tick_params(axis="x", labelsize=FONT_SIZE - 0.5)
    top_axis(ax, th, len(rows), levels, [str(lv) for lv in levels])
    title(fig, heading, head.subtitle, th, top)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=th.self_colour, label="You (latest)"),
        Line2D([], [], marker="s", linestyle="", color=th.mentor_colour, label="Mentor (latest)"),
        Line2D(
            [],
            [],
            marker="|",
            linestyle="",
            markersize=12,
            markeredgewidth=2,
            color=th.target_colour,
            label="Target",
        ),
        Patch(color=th.highlight, label="Blind spot"),
    ]
    head.legend(fig, handles, th)

    def details(_ax: Axes, _x: float, y: float) -> str | None:
        i = round(y)
        if not 0 <= i < len(rows):
            return None
        r = rows[i]
        lines = [f"{r.code} {r.name}: target {r.target_level} ({matrix.label(r.target_level)})"]
        for who, p in (("You", r.latest_self), ("Mentor", r.latest_mentor)):
            if p is None:
                lines.append(f"{who}: not rated yet")
            else:
                by = f" ({p.rater})" if p.rater and who == "Mentor" else ""
                lines.append(
                    f"{who}{by}: {p.level} ({matrix.label(p.level)}) on "
                    f"{short_date(p.on, matrix.as_of)}"
                )
        if blind[i]:
            lines.append("Blind spot: you rate yourself more than a third of the scale higher.")
        return "\n".join(lines)

    set_details(fig, details)
    return fig


def _levels_note(r: MatrixRow, is_blind: bool) -> str:
    me = r.latest_self.level if r.latest_self else "–"
    them = r.latest_mentor.level if r.latest_mentor else "–"
    note = f"you {me} · mentor {them} · target {r.target_level}"
    return f"Blind spot: {note}" if is_blind else note


# The charts over time live in charts/over_time.py and charts/trends.py; re-exported so
# callers import one module.
__all__ = [
    "avoidance_chart",
    "blindspot_chart",
    "calendar_chart",
    "describe_score",
    "heatmap_chart",
    "save_figure",
    "trends_chart",
]


def render(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> None:
    """Save a figure to PNG, SVG or PDF (by extension) without pyplot."""
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=dpi, facecolor=fig.get_facecolor())


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> None:
    """Write the chart whole or not at all: draw to a temporary file beside ``path``, then
    rename it into place. An unwritable place is a ``PlnError`` naming the file."""
    out = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    except OSError as exc:
        raise PlnError(f"{out}: cannot write the chart: {exc.strerror or exc}") from exc
    os.close(fd)
    try:
        render(fig, tmp, dpi=dpi)
        os.replace(tmp, out)
    except OSError as exc:
        raise PlnError(f"{out}: cannot write the chart: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
