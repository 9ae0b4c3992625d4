"""The trainee pane's page: our own HTML around what trainees and mentors wrote, their words
escaped and their Markdown rendered sanitized (core/render.py), shown in a closed document
that loads nothing (gui/plain.py ``close_browser``)."""

from __future__ import annotations

import datetime as dt

from plnjournal.core.escape import escape
from plnjournal.core.render import markdown_to_html
from plnjournal.programme.mentor import SharedReflection, TraineeSummary, TraineeView

AVOIDED_GLANCE = 3  # skills named in the pane's first line
DEPTH_NAMES = ("descriptive writing", "descriptive reflection", "dialogic reflection",
               "critical reflection")  # fmt: skip


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "never"
    return (value.date() if isinstance(value, dt.datetime) else value).strftime("%-d %b %Y")


def badges(t: TraineeSummary) -> str:
    """The trainee list's second line: what waits, in a few words."""
    parts = []
    if t.unread:
        parts.append(f"{t.unread} new")
    if t.open_requests:
        parts.append(f"{t.open_requests} request{'s' if t.open_requests > 1 else ''}")
    if t.below_target:
        parts.append(f"{t.below_target} below target")
    return " · ".join(parts) or "nothing waiting"


def _reflection(r: SharedReflection) -> str:
    flag = ""
    if not r.read:
        flag = " <b>· new</b>" if r.version == 1 else f" <b>· changed (version {r.version})</b>"
    skills = ", ".join(f"{escape(c)} {escape(n)}" for c, n in r.skills) or "no skill linked"
    depth = ""
    if r.depth_level is not None and 0 <= r.depth_level < len(DEPTH_NAMES):
        depth = f" · {DEPTH_NAMES[r.depth_level]}"
    out = [
        f"<h3>{escape(r.title) or '(untitled)'}</h3>",
        f"<p><small>{_day(r.entry_date)} · {skills}{depth}{flag}</small></p>",
        markdown_to_html(r.body),
    ]
    for c in r.comments:
        out.append(
            f"<blockquote><small>{escape(c.mentor)}, {_day(c.written_at)}</small>"
            f"{markdown_to_html(c.body)}</blockquote>"
        )
    return "".join(out)


def _glance(view: TraineeView) -> str:
    new = sum(1 for r in view.reflections if not r.read)
    asked = sum(1 for q in view.requests if q.open)
    parts = [
        f"{len(view.reflections)} shared reflection{'s' if len(view.reflections) != 1 else ''}"
        + (f" ({new} new)" if new else ""),
        f"{asked} open request{'s' if asked != 1 else ''}",
        f"{len(view.below_target)} skill{'s' if len(view.below_target) != 1 else ''} below target",
    ]
    if view.avoided is None:
        parts.append("avoidance not shared")
    elif view.avoided:
        names = ", ".join(escape(str(s.get("code", ""))) for s in view.avoided[:AVOIDED_GLANCE])
        parts.append(f"keeps avoiding {names}")
    return f"<p>{' · '.join(parts)}</p>"


def trainee_page(view: TraineeView) -> str:
    """The whole pane: what waits first (requests, the reflections), then what mentors wrote
    and what answered it, then the skills rated below target and what they keep avoiding."""
    framework = view.framework
    out = [f"<h2>{escape(view.name)}</h2>", _glance(view)]
    open_requests = [q for q in view.requests if q.open]
    if open_requests:
        out.append("<h3>Asked for feedback</h3><ul>")
        for q in open_requests:
            skills = ", ".join(f"{escape(c)} {escape(n)}" for c, n in q.skills)
            note = f": {escape(q.message)}" if q.message else ""
            out.append(f"<li>{_day(q.requested_on)}: {skills}{note}</li>")
        out.append("</ul>")
    out.append(f"<h3>Shared reflections ({len(view.reflections)})</h3>")
    if not view.reflections:
        out.append("<p><i>Nothing shared yet.</i></p>")
    out.extend(_reflection(r) for r in view.reflections)
    if view.written:
        out.append("<h3>What mentors wrote</h3><ul>")
        for w in view.written:
            what = "signed off at" if w.kind == "sign-off" else "rated"
            level = f" {what} {escape(framework.label(w.level))}" if w.level is not None else ""
            answered = (
                "; answered in " + ", ".join(f"“{escape(t)}”" for t in w.answered_in)
                if w.answered_in
                else "; not answered yet"
            )
            out.append(
                f"<li>{_day(w.day)}, {escape(w.mentor)} on {escape(w.skill_code)} "
                f"{escape(w.skill_name)}{level}{answered}{markdown_to_html(w.text)}</li>"
            )
        out.append("</ul>")
    if view.below_target:
        out.append("<h3>Rated below target (their latest self-rating)</h3><ul>")
        for b in view.below_target:
            out.append(
                f"<li>{escape(b.code)} {escape(b.name)}: {escape(framework.label(b.level))}, "
                f"target {escape(framework.label(b.target))} ({_day(b.rated_on)})</li>"
            )
        out.append("</ul>")
    out.append("<h3>Keeps avoiding</h3>")
    if view.avoided is None:
        out.append("<p><i>Not shared.</i></p>")
    elif not view.avoided:
        out.append("<p>Nothing stands out.</p>")
    else:
        out.append("<ul>")
        for s in view.avoided:
            given = s.get("reasons")
            reasons = [str(r) for r in given] if isinstance(given, list) else []
            why = f"<br><small>{escape(reasons[0])}</small>" if reasons else ""
            out.append(
                f"<li>{escape(str(s.get('code', '')))} {escape(str(s.get('name', '')))}{why}</li>"
            )
        out.append("</ul>")
    return "".join(out)
