"""A progress report as HTML for Qt's rich-text engine (QTextDocument's subset of HTML/CSS).

Qt-free: it only writes text. Every string from the journal is escaped, and every piece of
Markdown (reflections, mentor comments) goes through ``markdown_to_html`` (sanitized) first.
Charts appear as ``[[chart:KEY]]`` placeholders on a paragraph of their own; the PDF engine
replaces each with the chart drawn as vectors.
"""

from __future__ import annotations

import datetime as dt
import re

from plnjournal.core.escape import escape
from plnjournal.core.render import markdown_to_html
from plnjournal.core.report.content import SECTIONS, Report
from plnjournal.core.report.queries import FeedbackLine, MatrixLine, fmt_date
from plnjournal.values import Band

ACCENT = "#1d4e89"
MUTED = "#5b6470"
RULE = "#c9d2dc"
SHADE = "#eef2f6"
WARN = "#a14a00"

# QTextDocument understands type and class selectors, margins, colours and font sizes.
STYLE = f"""
body {{ color: #1b1f24; }}
h1 {{ font-size: 24pt; font-weight: 600; color: {ACCENT}; margin: 0 0 6px 0; }}
h2 {{ font-size: 15pt; font-weight: 600; color: {ACCENT}; margin: 22px 0 8px 0; }}
h3 {{ font-size: 11.5pt; font-weight: 600; margin: 14px 0 2px 0; }}
h4 {{ font-size: 10pt; font-weight: 600; margin: 8px 0 2px 0; }}
p {{ margin: 0 0 6px 0; }}
li {{ margin: 0 0 2px 0; }}
blockquote {{ color: {MUTED}; margin: 4px 0 4px 14px; }}
td {{ vertical-align: top; border-bottom: 1px solid {RULE}; }}
th {{ vertical-align: bottom; background-color: {SHADE}; font-weight: 600; text-align: left;
      border-bottom: 1.5px solid {ACCENT}; font-size: 9pt; }}
td.plain {{ border-bottom: none; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 8.5pt; }}
.meta {{ color: {MUTED}; font-size: 9pt; margin: 0 0 6px 0; }}
.label {{ color: {MUTED}; font-size: 8.5pt; }}
.big {{ font-size: 20pt; font-weight: 600; color: {ACCENT}; }}
.area {{ background-color: {SHADE}; font-weight: 600; }}
.warn {{ color: {WARN}; }}
.num {{ text-align: center; }}
.nowrap {{ white-space: nowrap; }}
"""

TABLE = '<table cellpadding="5" cellspacing="0" width="100%" style="border-collapse: collapse;">'

_HEADING = re.compile(r"<(/?)h[1-6]>")


def _user_html(markdown_html: str) -> str:
    """Headings inside a reflection or a comment become small ones, under the report's own."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h4>", markdown_html)


def report_html(report: Report, charts: list[str] | None = None) -> str:
    """The whole report; ``charts`` are the keys of the charts drawn for it, each placed as a
    ``[[chart:KEY]]`` paragraph for the PDF engine to fill."""
    parts = [_cover(report)]
    charts = list(charts or []) if report.has("charts") else []
    if report.has("summary"):
        parts.append(_summary(report))
        if "calendar" in charts:  # the journaling days beside their counts
            parts.append(_chart("calendar"))
            charts.remove("calendar")
    if report.has("matrix"):
        parts.append(_matrix(report))
    if report.has("avoidance"):
        parts.append(_avoidance(report))
    if charts:
        parts.append(_charts(charts))
    if report.has("feedback"):
        parts.append(_feedback(report))
    if report.has("commitments"):
        parts.append(_commitments(report))
    if report.has("reflections"):
        parts.append(_reflections(report))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _cover(report: Report) -> str:
    c = report.cover
    who = escape(c.name) if c.name else "Progress report"
    role = f'<p style="font-size: 14pt; color: {MUTED};">{escape(c.role)}</p>' if c.role else ""
    rows = [
        ("Framework", escape(c.framework)),
        ("Period", f"{fmt_date(c.start)} – {fmt_date(c.end)}"),
        ("Generated", fmt_date(c.generated_on)),
    ]
    if report.options.anonymize_mentors:
        rows.append(("Mentors", "Names left out: each mentor is “Mentor A”, “Mentor B”, …"))
    table = "".join(f'<tr><td class="label" width="20%">{k}</td><td>{v}</td></tr>' for k, v in rows)
    privacy = (
        "This report includes reflections marked private."
        if report.options.include_private
        else "Reflections marked private are left out of this report."
    )
    return (
        f'<p style="font-size: 11pt; color: {ACCENT}; font-weight: 600;">'
        "PROGRESS REPORT</p>"
        f'<h1 style="font-size: 30pt;">{who}</h1>{role}'
        f'<p style="margin-top: 24px;"></p>{TABLE}{table}</table>'
        f'<p class="muted" style="margin-top: 48px;">A record of reflective practice against '
        f"the skills of {escape(c.framework)}: what was practised, what mentors said and how it was "
        "answered, what was promised and kept, and — plainly — what was avoided.</p>"
        f'<p class="muted" style="page-break-after: always;">{privacy}</p>'
    )


def _card(number: str, label: str) -> str:
    return (
        f'<td class="plain" width="33%"><p class="big">{number}</p>'
        f'<p class="label">{label}</p></td>'
    )


def _summary(report: Report) -> str:
    s = report.summary
    days = "day" if s.longest_streak == 1 else "days"
    cards = [
        _card(str(s.reflections), "reflections written"),
        _card(str(s.days_journaled), "days journaled"),
        _card(f"{s.longest_streak} {days}", "longest streak of consecutive days"),
        _card(f"{s.skills_reflected_on} of {s.skills_total}", "skills reflected on"),
        _card(
            f"{s.commitments_kept} kept",
            f"commitments; {s.commitments_overdue} overdue, {s.commitments_dropped} dropped, "
            f"{s.commitments_open} open and not yet due",
        ),
        _card(
            f"{s.feedback_answered} of {s.feedback_received}",
            "mentor feedback items answered with a reflection",
        ),
    ]
    grid = "<tr>" + "".join(cards[:3]) + "</tr><tr>" + "".join(cards[3:]) + "</tr>"
    return f"<h2>{SECTIONS['summary']}</h2>{TABLE}{grid}</table>"


def _level(level: int | None) -> str:
    return "–" if level is None else str(level)


def _signed(value: int | None) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")


def _matrix_row(m: MatrixLine) -> str:
    note = ' <span class="warn small">· blind&nbsp;spot</span>' if m.blind_spot else ""
    count = f'<span class="warn">{m.reflections}</span>' if m.reflections == 0 else m.reflections
    if m.change is None:
        change = "new" if m.current_level is not None else "–"
    else:
        change = _signed(m.change)
    return (
        f"<tr><td><b>{escape(m.code)}</b> {escape(m.name)}{note}</td>"
        f'<td class="num">{m.target}</td>'
        f'<td class="num">{_level(m.self_level)}</td>'
        f'<td class="num">{_level(m.mentor_level)}</td>'
        f'<td class="num">{change}</td>'
        f'<td class="num">{count}</td></tr>'
    )


def _matrix(report: Report) -> str:
    rows = []
    area = None
    for m in report.matrix:
        if m.area != area:
            area = m.area
            rows.append(f'<tr><td colspan="6" class="area">{escape(area)}</td></tr>')
        rows.append(_matrix_row(m))
    scale = " · ".join(f"{lv} {escape(label)}" for lv, label in report.cover.scale)
    intro = (
        f"Latest ratings on {fmt_date(report.cover.end)}, on the scale {scale}. "
        "Change: how far the current level (the latest mentor rating, else the latest self "
        "rating) moved in the period; “new” if the skill had no rating before it. "
        "Reflections: how many reflections in the period are linked to the skill (none in "
        "orange). A blind spot is a self rating above the mentor’s by more than a third of the "
        "scale."
    )
    return (
        _heading(SECTIONS["matrix"], intro)
        + TABLE
        + '<thead><tr><th width="46%">Skill</th><th class="num" width="9%">Target</th>'
        '<th class="num" width="8%">Self</th><th class="num" width="10%">Mentor</th>'
        '<th class="num" width="12%">Change</th>'
        '<th class="num" width="15%">Reflections</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _heading(title: str, intro: str, *, new_page: bool = False) -> str:
    """A section heading with its introduction in the same block, so a page never ends
    between the two, nor between them and what they introduce. (Inside a heading Qt sizes
    text relative to the heading level: "medium" is the body size; points are ignored.)"""
    style = ' style="page-break-before: always;"' if new_page else ""
    return (
        f'<h2{style}>{title}<br/><span style="font-size: medium; font-weight: normal; '
        f'color: {MUTED};">{intro}</span></h2>'
    )


def _charts(keys: list[str]) -> str:
    """The charts of the Insights view, one to a paragraph (a chart never splits)."""
    intro = (
        "The charts of the journal’s Insights view for this period, with the same privacy as "
        "the rest of the report."
    )
    # Charts are tall and never split: they start on a page of their own rather than leave
    # a page half empty in the middle of a section.
    return _heading(SECTIONS["charts"], intro, new_page=True) + "".join(_chart(k) for k in keys)


def _chart(key: str) -> str:
    """A chart's place: a paragraph of its own, so a chart never splits across pages."""
    return f'<p align="center">[[chart:{escape(key)}]]</p>'


def _avoidance(report: Report) -> str:
    as_of = min(report.cover.end, report.cover.generated_on)
    intro = (
        f"The journal’s avoidance model scores every skill from 0 to 100 as it stood on "
        f"{fmt_date(as_of)}, from named signals: time since the last reflection that discusses "
        "it against the cadence aimed for, mentor feedback left unanswered, the gap to the "
        "target, blind spots against the mentors’ recent ratings, reflections linked to it that "
        "do not discuss it, shallow reflections, hard conversations put off and commitments "
        "missed. Scores of 60 or more are to act on now, 25 to 59 to watch. The reasons below "
        "are the model’s own words."
    )
    head = _heading(SECTIONS["avoidance"], intro)
    avoided = report.avoided
    started = bool(report.avoidance) and report.avoidance[0].getting_started
    if not avoided:
        quiet = (
            "The journal is getting started: it is younger than the longest cadence of its "
            "skills, so no skill could be called avoided yet."
            if started
            else "No skill stands out as avoided."
        )
        return head + f'<p class="muted">{quiet}</p>'
    out = [head]
    for a in avoided:
        reasons = "".join(f"<li>{escape(r)}</li>" for r in a.reasons)
        good = "".join(f"<li>{escape(g)}</li>" for g in a.good_news)
        colour = WARN if a.band == Band.ACT_NOW else MUTED
        step = (
            f"<p><b>Next steps:</b> write about it now (“{escape(a.next_question)}”), and ask "
            "for feedback on it.</p>"
            if a.next_question
            else ""
        )
        out.append(
            f"<h3>{escape(a.code)} {escape(a.skill)} · "
            f'<span style="color: {colour};">{a.score}/100, {escape(str(a.band))}</span><br/>'
            f'<span style="font-size: medium; font-weight: normal; color: {MUTED};">'
            f"{escape(a.area)}</span></h3><ul>{reasons}{good}</ul>{step}"
        )
    rest = [a for a in report.avoidance if a not in avoided]
    if rest:
        listed = ", ".join(f"{escape(a.code)} {a.score} ({escape(str(a.band))})" for a in rest)
        out.append(f'<p class="meta">The other skills scored: {listed}.</p>')
    return "".join(out)


def _response(f: FeedbackLine) -> str:
    if f.responses:
        answers = "; ".join(f"“{escape(title)}” ({fmt_date(on)})" for on, title in f.responses)
        return f"Answered in {answers}"
    if f.later_reflections:
        n = f.later_reflections
        return (
            '<span class="warn">Not answered directly</span>; '
            f"{n} later reflection{'s' * (n != 1)} on this skill"
        )
    return '<span class="warn">Not answered, and not written about since</span>'


def _feedback(report: Report) -> str:
    head = f"<h2>{SECTIONS['feedback']}</h2>"
    if not report.feedback:
        return head + '<p class="muted">No mentor feedback in this period.</p>'
    groups: list[tuple[tuple[dt.date, str], list[FeedbackLine]]] = []
    for f in report.feedback:
        key = (f.given_on, f.mentor)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(f)
    out = [head]
    for (on, mentor), items in groups:
        rows = []
        for f in items:
            rating = (
                f"{f.level}/{report.scale_max}<br/>"
                f'<span class="small muted">{escape(f.level_label)}</span>'
                if f.level is not None
                else '<span class="muted">comment</span>'
            )
            comment = _user_html(markdown_to_html(f.comment)) if f.comment.strip() else ""
            rows.append(
                f"<tr><td><b>{escape(f.code)}</b> {escape(f.skill)}</td>"
                f'<td class="num">{rating}</td><td>{comment}</td>'
                f'<td class="small">{_response(f)}</td></tr>'
            )
        out.append(
            f"<h3>{fmt_date(on)} · {escape(mentor) or 'Mentor'}</h3>{TABLE}"
            '<thead><tr><th width="26%">Skill</th><th class="num" width="13%">Rating</th>'
            '<th width="36%">Comment</th><th width="25%">My response</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(out)


def _commitments(report: Report) -> str:
    head = f"<h2>{SECTIONS['commitments']}</h2>"
    if not report.commitments:
        return head + '<p class="muted">No commitments in this period.</p>'
    rows = []
    for c in report.commitments:
        outcome = escape(c.outcome)
        if c.overdue:
            outcome = f'<span class="warn">{outcome}</span>'
        if c.reason:
            outcome += f'<br/><span class="small muted">{escape(c.reason)}</span>'
        skill = (
            f"<b>{escape(c.code)}</b> {escape(c.skill)}"
            if c.code
            else '<span class="muted">–</span>'
        )
        rows.append(
            f"<tr><td>{escape(c.text)}</td><td>{skill}</td>"
            f'<td class="nowrap">{fmt_date(c.created_on)}</td><td>{outcome}</td></tr>'
        )
    return (
        f"{head}{TABLE}"
        '<thead><tr><th width="38%">Commitment</th><th width="23%">Skill</th>'
        '<th width="14%">Made</th><th width="25%">Outcome</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _reflections(report: Report) -> str:
    head = f"<h2>{SECTIONS['reflections']}</h2>"
    if not report.reflections:
        none = (
            "No reflections were chosen for this report."
            if report.options.entry_ids is not None
            else "There are no reflections to show from this period."
        )
        return head + f'<p class="muted">{none}</p>'
    out = [head]
    if report.reflections_note:
        out.append(f'<p class="muted">{escape(report.reflections_note)}</p>')
    for r in report.reflections:
        skills = ", ".join(f"{escape(code)} {escape(name)}" for code, name in r.skills)
        meta = fmt_date(r.entry_date) + (f" · {skills}" if skills else "")
        if r.private:
            meta += f' · <span style="color: {WARN};">private</span>'
        # The date and skills are part of the heading's block, so they never part from it.
        out.append(
            f"<h3>{escape(r.title) or 'Untitled reflection'}<br/>"
            f'<span style="font-size: medium; font-weight: normal; color: {MUTED};">{meta}</span>'
            f"</h3>{_user_html(r.body_html)}"
        )
    return "".join(out)
