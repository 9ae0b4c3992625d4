"""Ratings over time per skill, as small multiples drawn on ONE axes.

An Axes per skill is slow to create and draw (mostly its ticks); here every panel is a box in a
single axes measured in inches, and each kind of mark is one collection for all panels
(docs/performance.md, "The charts", says what it saves). Imports matplotlib: only the
chart-building code imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from plnjournal.core.charts.style import (
    FONT_SIZE,
    axes_in,
    empty_figure,
    fit_chars,
    new_figure,
    page_header,
    period_text,
    set_details,
    shorten,
    skill_label,
    theme,
    title,
)
from plnjournal.core.insights.avoidance_data import Scale
from plnjournal.core.insights.chart_values import RatingMark, RatingSeries

TOP, BOTTOM, LEFT, RIGHT = 1.05, 0.45, 0.45, 0.2
# Marker area in points²: 6 pt across, so at least 6 px at the smallest scale the window
# draws at (72 dpi) and visible in print.
DOT_SIZE = 36
WIDE_IN = 11.0  # wider than any page: laid out for a window
TITLE_H, GAP_X, GAP_Y = 0.26, 0.3, 0.3


def _date_ticks(start: dt.date, end: dt.date, most: int) -> list[tuple[dt.date, str]]:
    """Month, quarter or year starts inside the period, at most ``most`` of them."""
    span = (end - start).days
    months = 1 if span <= 200 else 3 if span <= 3 * 365 else 12
    ticks = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start and (day.month - 1) % months == 0:
            ticks.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = -(-len(ticks) // most) if ticks else 1
    ticks = ticks[::step]
    if months == 12:
        return [(d, f"{d.year}") for d in ticks]
    return [(d, f"{d:%b %Y}" if d.month == 1 or span > 400 else f"{d:%b}") for d in ticks]


def monthly_means(marks: Sequence[RatingMark]) -> list[tuple[dt.date, float]]:
    """Mean level per calendar month, placed mid-month."""
    out = []
    for (year, month), group in groupby(marks, key=lambda m: (m.on.year, m.on.month)):
        levels = [m.level for m in group]
        out.append((dt.date(year, month, 15), sum(levels) / len(levels)))
    return out


NO_RATINGS = (
    "No ratings yet. Rate yourself (Skills menu) or import your mentors' feedback:\n"
    "each skill's levels will be drawn here against its target."
)


def trends_chart(
    series: Sequence[RatingSeries],
    scale: Scale,
    start: dt.date,
    end: dt.date,
    *,
    dark: bool = False,
    width: float | None = None,
) -> Figure:
    """Each skill's ratings over the period: yours (dots, and their monthly mean) and your
    mentors' (squares), against the target (dashed). On a page (``width``) the panels are
    smaller and as many to a row as fit."""
    th = theme(dark)
    heading = "Ratings over time"
    if not series:
        return empty_figure(heading, "No skills yet.", th)
    if not any(s.self_ratings or s.mentor_ratings for s in series):
        return empty_figure(heading, NO_RATINGS, th)
    n = len(series)
    lo, hi = scale.low, scale.high
    subtitle = (
        f"{period_text(start, end)}; levels {lo}–{hi} ({scale.label(lo)} to {scale.label(hi)})."
    )
    legend = ["You: ratings and monthly mean", "Mentors", "Target"]
    head = page_header(subtitle, legend, width)
    top = TOP + head.extra
    if width is None:
        cols = 1 if n == 1 else 2 if n <= 4 else 4
        pw, ph = (10.5, 3.6) if n == 1 else (2.85, 1.2)
    else:
        # A page's panels are small; a wide window's (``width`` from the Insights pane) keep
        # the window's size, as many to a row as fit.
        pw, ph = (2.6, 1.1) if width >= WIDE_IN else (1.8, 0.8)
        cols = max(1, min(n, int((width - LEFT - RIGHT + GAP_X) // (pw + GAP_X))))
        pw = (width - LEFT - RIGHT - (cols - 1) * GAP_X) / cols  # fill the page's width
    rows = -(-n // cols)
    area_w = cols * pw + (cols - 1) * GAP_X
    area_h = rows * (TITLE_H + ph) + (rows - 1) * GAP_Y
    fig = new_figure(LEFT + area_w + RIGHT, top + area_h + BOTTOM, th)
    ax = axes_in(fig, LEFT, RIGHT, top, BOTTOM)
    ax.set_xlim(0, area_w)
    ax.set_ylim(area_h, 0)  # inches from the top-left corner of the panels
    ax.axis("off")
    span = max(1, (end - start).days)

    def box(k: int) -> tuple[float, float]:
        r, c = divmod(k, cols)
        return c * (pw + GAP_X), r * (TITLE_H + ph + GAP_Y) + TITLE_H

    def px(k: int, day: dt.date) -> float:
        return box(k)[0] + (day - start).days / span * pw

    def py(k: int, level: float) -> float:
        return box(k)[1] + ph - (level - (lo - 0.5)) / (hi - lo + 1) * ph

    ticks = _date_ticks(start, end, 3 if n > 1 else 10)
    grid, frames, targets, means, mentor_lines = [], [], [], [], []
    self_xy, mentor_xy = [], []
    chars = fit_chars(pw, FONT_SIZE - 0.5)
    for k, s in enumerate(series):
        x0, y0 = box(k)
        grid += [[(x0, py(k, lv)), (x0 + pw, py(k, lv))] for lv in range(lo, hi + 1)]
        grid += [[(px(k, d), y0), (px(k, d), y0 + ph)] for d, _ in ticks]
        frames.append([(x0, y0 + ph), (x0 + pw, y0 + ph)])
        targets.append([(x0, py(k, s.skill.target_level)), (x0 + pw, py(k, s.skill.target_level))])
        self_xy += [(px(k, m.on), py(k, m.level)) for m in s.self_ratings]
        # A month's mean sits mid-month, but never outside the period (its panel).
        means.append(
            [(px(k, min(max(d, start), end)), py(k, v)) for d, v in monthly_means(s.self_ratings)]
        )
        mentor_xy += [(px(k, m.on), py(k, m.level)) for m in s.mentor_ratings]
        mentor_lines.append([(px(k, m.on), py(k, m.level)) for m in s.mentor_ratings])
        ax.text(
            x0,
            y0 - 0.05,
            skill_label(s.skill.code, s.skill.name, chars),
            ha="left",
            va="bottom",
            fontsize=FONT_SIZE - 0.5,
            color=th.text,
        )
        if not s.self_ratings and not s.mentor_ratings:
            ax.text(
                x0 + pw / 2,
                y0 + ph / 2,
                "no ratings in this period",
                ha="center",
                va="center",
                fontsize=FONT_SIZE - 1,
                color=th.muted,
            )
        if k % cols == 0:
            for lv in range(lo, hi + 1):
                ax.text(
                    x0 - 0.08,
                    py(k, lv),
                    str(lv),
                    ha="right",
                    va="center",
                    fontsize=FONT_SIZE - 1.5,
                    color=th.muted,
                )
        if k + cols >= n:  # the bottom panel of its column: the dates
            for d, label in ticks:
                ax.text(
                    px(k, d),
                    y0 + ph + 0.06,
                    label,
                    ha="center",
                    va="top",
                    fontsize=FONT_SIZE - 1.5,
                    color=th.muted,
                )
    ax.add_collection(LineCollection(grid, colors=th.grid, linewidths=0.5, zorder=1))
    ax.add_collection(LineCollection(frames, colors=th.muted, linewidths=0.8, zorder=1))
    ax.add_collection(
        LineCollection(
            targets, colors=th.target_colour, linewidths=1.1, linestyles=(0, (4, 3)), zorder=2
        )
    )
    ax.add_collection(
        LineCollection(
            [m for m in means if len(m) > 1], colors=th.self_colour, linewidths=1.6, zorder=3
        )
    )
    ax.add_collection(
        LineCollection(
            [m for m in mentor_lines if len(m) > 1],
            colors=th.mentor_colour,
            linewidths=1.1,
            zorder=4,
        )
    )
    if self_xy:
        self_x, self_y = zip(*self_xy, strict=True)
        ax.scatter(
            self_x,
            self_y,
            s=DOT_SIZE,
            color=th.self_colour,
            alpha=0.6,
            edgecolors=th.background,
            zorder=3,
            linewidths=0.5,
        )
    if mentor_xy:
        mentor_x, mentor_y = zip(*mentor_xy, strict=True)
        ax.scatter(
            mentor_x,
            mentor_y,
            s=DOT_SIZE,
            marker="s",
            color=th.mentor_colour,
            edgecolors=th.background,
            linewidths=0.5,
            zorder=5,
        )
    title(fig, heading, head.subtitle, th, top)
    handles = [
        Line2D([], [], marker="o", color=th.self_colour, label="You: ratings and monthly mean"),
        Line2D([], [], marker="s", color=th.mentor_colour, label="Mentors"),
        Line2D([], [], linestyle=(0, (4, 3)), color=th.target_colour, label="Target"),
    ]
    head.legend(fig, handles, th)

    def details(_ax: Axes, x: float, y: float) -> str | None:
        c = int(x // (pw + GAP_X))
        r = int(y // (TITLE_H + ph + GAP_Y))
        k = r * cols + c
        if not (0 <= c < cols and 0 <= k < n):
            return None
        x0, y0 = box(k)
        if not (x0 <= x <= x0 + pw and y0 - TITLE_H <= y <= y0 + ph):
            return None
        s = series[k]
        near = None
        for who, marks in (("You", s.self_ratings), ("Mentor", s.mentor_ratings)):
            for m in marks:
                d = abs(px(k, m.on) - x) + abs(py(k, m.level) - y)
                if d < 0.12 and (near is None or d < near[0]):
                    near = (d, who, m)
        head = f"{s.skill.code} {s.skill.name}: target {s.skill.target_level}"
        if near is None:
            return head
        _d, who, m = near
        by = (m.rater or "A mentor") if who == "Mentor" else "You"
        text = f"{head}\n{m.on.day} {m.on:%b %Y}: {by} rated {m.level} ({scale.label(m.level)})"
        if m.comment:
            text += f"\n“{shorten(m.comment, 200)}”"
        return text

    set_details(fig, details)
    return fig
