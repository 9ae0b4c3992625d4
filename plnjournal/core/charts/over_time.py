"""The charts over time: reflections per skill per week, and the journaling calendar with
its streaks (rating trends are in ``charts/trends.py``). Pure functions, data in and ``Figure`` out (see ``core/charts/figures.py``,
which re-exports them). Imports matplotlib: only the chart-building code imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from itertools import groupby

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from plnjournal.core.charts.style import (
    FONT_SIZE,
    LABEL_IN,
    axes_in,
    count_colours,
    empty_figure,
    new_figure,
    page_header,
    period_text,
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
from plnjournal.core.insights.chart_values import (
    Heatmap,
    current_streak,
    longest_streak,
    week_start,
)

# --- heat map ---------------------------------------------------------------------------


def heatmap_chart(hm: Heatmap, *, dark: bool = False, width: float | None = None) -> Figure:
    """Reflections per skill per week: an empty row is a skill nobody wrote about."""
    th = theme(dark)
    heading = "Reflections per skill per week"
    if not hm.skills:
        return empty_figure(heading, "No skills yet.", th)
    n, weeks = len(hm.skills), len(hm.weeks)
    total = sum(map(sum, hm.counts))
    if not total:  # a grid of empty cells says less than a sentence
        return empty_figure(
            heading,
            f"No reflections linked to a skill in {period_text(hm.start, hm.end)}.\n"
            "Each skill will have a row here and each week a cell, darker the more you wrote.",
            th,
        )
    silent = sum(1 for r in hm.counts if not any(r))
    subtitle = (
        f"{period_text(hm.start, hm.end)}: {total} links from reflections to skills (a "
        f"reflection on two skills counts for both); {silent} of {n} skills without a single "
        "reflection (empty rows)."
    )
    head = page_header(subtitle, ["none", "1", "2", "3", "4 or more"], width)
    top, bottom, row_h, right = 1.25 + head.extra + top_axis_room(n), 0.65, 0.22, 1.7
    if width is not None:
        row_h, right = 0.2, 1.45  # the area names, shortened if they must be
    width = width or 13.0
    fig = new_figure(width, top + bottom + row_h * n, th)
    ax = axes_in(fig, LABEL_IN, right, top, bottom)
    style_axes(ax, th, grid_axis=None)
    colours = count_colours(th, 4)
    cmap = ListedColormap(colours)
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5, 10**9], cmap.N)
    ax.imshow(hm.counts, aspect="auto", interpolation="nearest", cmap=cmap, norm=norm)
    if weeks <= 80:  # cell borders help reading while the cells are wide enough
        _cell_borders(ax, weeks, n, th.background, 0.8)
    row_labels(ax, range(n), [skill_label(s.code, s.name) for s in hm.skills], th)
    ticks, labels = _month_ticks(hm.weeks, width_in=width - LABEL_IN - right)
    ax.set_xticks(ticks, labels)
    top_axis(ax, th, n, ticks, [label.split("\n")[0] for label in labels])
    ax.set_xlim(-0.5, weeks - 0.5)
    # Areas: a line between groups, the area's name beside its rows.
    row = 0
    for area, group in groupby(hm.skills, key=lambda s: s.area):
        size = len(list(group))
        if row:
            ax.axhline(row - 0.5, color=th.text, linewidth=0.9)
        ax.text(
            1.01,
            row + (size - 1) / 2,
            shorten(area, 22 if right > 1.5 else 19),
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=FONT_SIZE - 0.5,
            color=th.muted,
            clip_on=False,
        )
        row += size
    title(fig, heading, head.subtitle, th, top)
    handles = [
        Patch(facecolor=c, edgecolor=th.grid, label=label)
        for c, label in zip(colours, ("none", "1", "2", "3", "4 or more"), strict=True)
    ]
    head.legend(
        fig,
        handles,
        th,
        title="Reflections in the week:",
        title_fontsize=FONT_SIZE,
        alignment="left",
    )
    for text in fig.legends[0].get_texts():
        text.set_color(th.text)
    fig.legends[0].get_title().set_color(th.muted)

    def details(_ax: Axes, x: float, y: float) -> str | None:
        i, j = round(y), round(x)
        if not (0 <= i < n and 0 <= j < weeks):
            return None
        s, monday, count = hm.skills[i], hm.weeks[j], hm.counts[i][j]
        what = "no reflections" if not count else f"{count} reflection{'s' * (count != 1)}"
        return f"{s.code} {s.name}\nWeek of {monday.day} {monday:%b %Y}: {what}"

    set_details(fig, details)
    return fig


def _cell_borders(ax: Axes, columns: int, rows: int, colour: str, width: float) -> None:
    """Lines between the cells of an image grid: two collections, where minor-tick grid
    lines would cost a matplotlib Tick (slow to make and draw) per row and column."""
    lines = [[(x - 0.5, -0.5), (x - 0.5, rows - 0.5)] for x in range(1, columns)]
    lines += [[(-0.5, y - 0.5), (columns - 0.5, y - 0.5)] for y in range(1, rows)]
    ax.add_collection(LineCollection(lines, colors=colour, linewidths=width), autolim=False)


def _month_ticks(
    weeks: Sequence[dt.date],
    *,
    with_year: bool = True,
    until: dt.date | None = None,
    width_in: float | None = None,
) -> tuple[list[int], list[str]]:
    """Tick at the week holding each month's 1st; every 1, 3 or 12 months by span (and, given
    the axis' ``width_in``, sparser still if the labels would not fit); the year under the
    first month of each year (unless ``with_year`` is off)."""
    step = 1 if len(weeks) <= 80 else 3 if len(weeks) <= 270 else 12
    if width_in is not None:  # a label needs about 0.45 in
        months = len(weeks) / 4.35
        while step < 12 and months / step > width_in / 0.45:
            step = 3 if step == 1 else 12
    ticks, labels, last_year = [], [], None
    for i, monday in enumerate(weeks):
        sunday = monday + dt.timedelta(days=6)
        first = sunday.replace(day=1)
        if first < monday or (first.month - 1) % step or (until and first > until):
            continue
        ticks.append(i)
        label = f"{first:%b}" if step < 12 else f"{first.year}"
        if with_year and step < 12 and first.year != last_year:
            label += f"\n{first.year}"
        last_year = first.year
        labels.append(label)
    return ticks, labels


# --- calendar ---------------------------------------------------------------------------

STRIP_WEEKS = 54  # a calendar year can touch 54 Monday-to-Sunday weeks
HALF_YEAR_WEEKS = 27  # on a page, a longer period (up to a year) is folded into two strips


def calendar_chart(
    days: Mapping[dt.date, int],
    start: dt.date,
    end: dt.date,
    *,
    dark: bool = False,
    today: dt.date | None = None,
    width: float | None = None,
) -> Figure:
    """A square per day, coloured by reflections written (Monday at the top); a period of
    up to 53 weeks is one strip, a longer one has a strip per calendar year; the longest
    streak in the period is outlined. On a page (``width``) a short period's strip holds
    just its weeks, and a period of more than ``HALF_YEAR_WEEKS`` is folded into two strips
    one above the other, so a year's squares stay big enough to read (one strip of 53 weeks
    across a page is a thin band)."""
    th = theme(dark)
    today = today or end
    # (first Monday, first day shown, last day shown, label) of each strip
    period_weeks = (week_start(end) - week_start(start)).days // 7 + 1
    if width is not None and HALF_YEAR_WEEKS < period_weeks <= STRIP_WEEKS:
        half = (period_weeks + 1) // 2
        second = week_start(start) + dt.timedelta(weeks=half)
        spans = [
            (week_start(start), start, second - dt.timedelta(days=1), ""),
            (second, second, end, ""),
        ]
    elif period_weeks <= STRIP_WEEKS:
        spans = [(week_start(start), start, end, "")]
    else:
        spans = [
            (
                week_start(dt.date(y, 1, 1)),
                max(start, dt.date(y, 1, 1)),
                min(end, dt.date(y, 12, 31)),
                str(y),
            )
            for y in range(start.year, end.year + 1)
        ]
    longest = longest_streak(days)
    current = current_streak(days, today)
    in_period = (end - start).days + 1
    written = sum(1 for d in days if start <= d <= end)
    parts = [f"{written} of {in_period} days with reflections"]
    if longest:
        parts.append(
            f"longest streak {longest.days} days ({period_text(longest.start, longest.end)})"
        )
    parts.append(f"current streak {current.days if current else 0} days")
    subtitle = f"{period_text(start, end)}: " + "; ".join(parts) + "."
    legend = ["none", "1", "2", "3 or more", "longest streak"]
    head = page_header(subtitle, legend, width)
    cell, strip_gap, top, bottom, left = 0.18, 0.45, 1.5 + head.extra, 0.15, 0.95
    n_weeks = STRIP_WEEKS
    if width is None:
        width = left + STRIP_WEEKS * cell + 0.3
    else:
        if len(spans) == 1:
            n_weeks = period_weeks
        elif not spans[0][3]:  # one period folded in two
            n_weeks = (period_weeks + 1) // 2
        cell = min(0.24, (width - left - 0.3) / n_weeks)  # bigger squares for a short period
    height = top + bottom + len(spans) * (7 * cell + strip_gap) - strip_gap
    fig = new_figure(width, height, th)
    colours = count_colours(th, 3)
    cmap = ListedColormap(colours).with_extremes(bad=th.background)
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 10**9], cmap.N)
    streak_days = (
        {longest.start + dt.timedelta(days=i) for i in range(longest.days)}
        if longest and longest.days > 1
        else set()
    )
    strips: dict[Axes, tuple[dt.date, dt.date, dt.date]] = {}
    for k, (strip_start, shown_from, shown_to, label) in enumerate(spans):
        y0 = height - top - (k + 1) * 7 * cell - k * strip_gap
        ax = fig.add_axes((left / width, y0 / height, n_weeks * cell / width, 7 * cell / height))
        strips[ax] = (strip_start, shown_from, shown_to)
        grid = np.full((7, n_weeks), np.nan)
        weeks = []
        for col in range(n_weeks):
            monday = strip_start + dt.timedelta(weeks=col)
            if monday <= shown_to:
                weeks.append(monday)
            for row in range(7):
                day = monday + dt.timedelta(days=row)
                if shown_from <= day <= shown_to:
                    grid[row, col] = days.get(day, 0)
        if label:
            ax.text(
                -0.06,
                0.5,
                label,
                transform=ax.transAxes,
                ha="right",
                va="center",
                fontsize=FONT_SIZE,
                fontweight="bold",
                color=th.text,
                rotation=90,
            )
        ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
        ax.set_facecolor(th.background)
        for spine in ax.spines.values():
            spine.set_visible(False)
        _cell_borders(ax, n_weeks, 7, th.background, 1.6 * cell / 0.18)
        shown = {d for d in streak_days if shown_from <= d <= shown_to}
        _outline(ax, strip_start, shown, th.text, n_weeks)
        ax.set_yticks([0, 2, 4], ["Mon", "Wed", "Fri"])
        ticks, labels = _month_ticks(
            weeks, with_year=not label, until=shown_to, width_in=n_weeks * cell
        )
        ax.set_xticks(ticks, labels)
        ax.xaxis.tick_top()
        ax.tick_params(which="both", length=0, labelsize=FONT_SIZE - 1, colors=th.muted, pad=2)
        ax.set_xlim(-0.5, n_weeks - 0.5)
    title(fig, "Journaling days", head.subtitle, th, top)
    handles = [
        Patch(facecolor=c, edgecolor=th.grid, label=label)
        for c, label in zip(colours, ("none", "1", "2", "3 or more"), strict=True)
    ]
    handles.append(Patch(facecolor="none", edgecolor=th.text, label="longest streak"))
    head.legend(
        fig,
        handles,
        th,
        title="Reflections that day:",
        title_fontsize=FONT_SIZE,
        alignment="left",
    )
    fig.legends[0].get_title().set_color(th.muted)

    def details(ax: Axes, x: float, y: float) -> str | None:
        strip = strips.get(ax)
        col, row = round(x), round(y)
        if strip is None or not (0 <= col < n_weeks and 0 <= row < 7):
            return None
        day = strip[0] + dt.timedelta(days=col * 7 + row)
        if not strip[1] <= day <= strip[2]:
            return None
        n = days.get(day, 0)
        text = f"{day:%a} {day.day} {day:%b %Y}: "
        text += "no reflections" if not n else f"{n} reflection{'s' * (n != 1)}"
        if day in streak_days and longest:
            text += f"\nPart of the longest streak: {longest.days} days"
        return text

    set_details(fig, details)
    return fig


def _outline(
    ax: Axes, strip_start: dt.date, marked: set[dt.date], colour: str, n_weeks: int = STRIP_WEEKS
) -> None:
    """Draw the outer boundary of the marked days' cells (a streak), not a box per day."""
    segments = []
    for col in range(n_weeks):
        for row in range(7):
            day = strip_start + dt.timedelta(days=col * 7 + row)
            if day not in marked:
                continue
            x0, x1, y0, y1 = col - 0.5, col + 0.5, row - 0.5, row + 0.5
            for neighbour, seg in (
                (day - dt.timedelta(days=1) if row else None, ((x0, y0), (x1, y0))),
                (day + dt.timedelta(days=1) if row < 6 else None, ((x0, y1), (x1, y1))),
                (day - dt.timedelta(days=7), ((x0, y0), (x0, y1))),
                (day + dt.timedelta(days=7), ((x1, y0), (x1, y1))),
            ):
                if neighbour not in marked:
                    segments.append(seg)
    if segments:
        ax.add_collection(LineCollection(segments, colors=colour, linewidths=1.6, zorder=3))
