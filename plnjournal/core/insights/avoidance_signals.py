"""The avoidance model's signals: each reads a skill's facts and says how strongly it fires
(0–1) and why, in words a mentor would use.

Every formula and reason wording is in docs/avoidance.md, where each example is produced by a
test; keep the two in step. A signal that does not fire returns no reason, and no reason may
claim more than the facts show (an "at least" when only part of the journal was read).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from plnjournal.core.insights.avoidance_data import (
    JournalFacts,
    MentorNote,
    ReflectionFact,
    SkillFacts,
)
from plnjournal.core.plain_text import one_line
from plnjournal.core.skills.evidence import (
    EVIDENCE_DAYS,
    Comparison,
    compare,
    mean_text,
    mentor_view,
    raters_text,
)
from plnjournal.core.words import days_text, plural, shorten, times
from plnjournal.values import DepthLevel

# The overdue signal is full when the silence lasts this many cadences: it grows with the
# logarithm of the silence, so a year without a reflection ranks above two months, and two
# months above two weeks (docs/avoidance.md, "overdue").
OVERDUE_FULL_AT = 16
# The cadence signal needs at least this many reflections expected in the window to judge.
MIN_EXPECTED = 2
# The linked-only signal needs at least this many linked reflections that do not discuss it.
MIN_LINKED_ONLY = 3
# Feedback older than this starts to count; twice this is the full signal.
FEEDBACK_GRACE_DAYS = 90
# Average comfort ("how far outside my comfort zone", 1–5) below this starts to count.
COMFORT_BELOW = 2.0
# Third unanswered low rating: the skill goes to the top band (like Anki's leeches).
ESCALATE_AT = 3
# How much of a mentor's comment a reason quotes.
QUOTE_LIMIT = 80

SignalFn = Callable[[JournalFacts, SkillFacts], tuple[float, str | None]]


# --- words --------------------------------------------------------------------------------


def short_date(day: dt.date, as_of: dt.date) -> str:
    """ "3 Nov", or "3 Nov 2025" when the year differs from the as-of date's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == as_of.year else f"{text} {day.year}"


def quote(comment: str, limit: int = QUOTE_LIMIT) -> str:
    """A mentor comment shortened to one line (its Markdown read as plain text), in
    quotation marks."""
    return f"“{shorten(one_line(comment), limit)}”"


def names_text(names: list[str], fallback: str) -> str:
    """ "Ms Okafor", "Ms Okafor and Mr Lee", "Ms Okafor, Mr Lee and Dr Iyer"."""
    unique = list(dict.fromkeys(n.strip() or fallback for n in names))
    if len(unique) == 1:
        return unique[0]
    return ", ".join(unique[:-1]) + f" and {unique[-1]}"


def cadence_words(s: SkillFacts, unit: bool = False) -> str:
    """Where the cadence comes from, as the reasons say it: "you aimed for every 14" (with
    ``unit``, "… every 14 days"); a daily cadence is "every day" either way."""
    every = "every day" if s.cadence_days == 1 else f"every {s.cadence_days}"
    if unit and s.cadence_days != 1:
        every += " days"
    if s.cadence_source == "skill":
        return f"you aimed for {every}"
    return f"the framework's default is {every}"


# --- the signals ------------------------------------------------------------------------


def overdue(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Time since the last reflection that discusses the skill, in cadences."""
    if s.cadence_days is None:
        return 0.0, None
    if s.last_discussed is not None:
        days = (facts.as_of - s.last_discussed).days
        # Later reflections are linked to it without discussing it: say which silence this is.
        what = (
            "reflection" if s.last_reflected == s.last_discussed else "reflection that discusses it"
        )
        reason = f"No {what} for {days_text(days)} ({cadence_words(s)})"
    elif s.last_reflected is not None and s.checked_back_to is not None:
        # Linked, but none of the reflections read discusses it: the silence is at least
        # as long as they reach back.
        days = (facts.as_of - s.checked_back_to).days
        reason = (
            f"No reflection that discusses it for at least {days_text(days)} ({cadence_words(s)})"
        )
    else:
        days = facts.journal_days
        reason = f"Never reflected on in {days_text(days)} of journaling ({cadence_words(s)})"
    ratio = days / s.cadence_days
    if ratio <= 1:
        return 0.0, None
    return math.log(ratio) / math.log(OVERDUE_FULL_AT), reason


def expected_reflections(facts: JournalFacts, s: SkillFacts) -> float:
    """How many reflections the skill's cadence asks for in the window (or in the journal's
    life, when it is younger than the window)."""
    if not s.cadence_days:
        return 0.0
    span = min(facts.window_days, facts.journal_days + 1)
    return span / s.cadence_days


def cadence(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Fewer reflections discussing the skill in the window than its cadence asks for."""
    expected = expected_reflections(facts, s)
    if expected < MIN_EXPECTED:
        return 0.0, None
    span = min(facts.window_days, facts.journal_days + 1)
    # A count of reflections, as a person says it: "about 6", never "6.4 expected".
    whole = round(expected)
    due = f"{whole}" if abs(expected - whole) < 0.05 else f"about {whole}"
    done = s.discussed_window
    count = "No reflection" if done == 0 else plural(done, "reflection")
    reason = (
        f"{count} discussing it in the last {span} days, where {due} were due "
        f"({cadence_words(s, unit=True)})"
    )
    return 1 - done / expected, reason


def linked_only(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Reflections linked to the skill whose text never touches it (tag-stuffing)."""
    undiscussed = s.reflections_window - s.discussed_window
    if undiscussed < MIN_LINKED_ONLY:
        return 0.0, None
    reason = (
        f"Linked to {plural(undiscussed, 'reflection')} in the last {facts.window_days} days "
        "that do not discuss it (not its name, code, descriptors or your keywords for it)"
    )
    return undiscussed / s.reflections_window, reason


def gap(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """How far the current level is below the target."""
    rating = s.latest_mentor or s.latest_self
    if rating is None:
        return 0.0, None
    whose = (
        f"{s.latest_mentor.rater or 'Your mentor'}'s latest rating"
        if s.latest_mentor is not None
        else "Your latest rating"
    )
    diff = s.target_level - rating.level
    sc = facts.scale
    reason = (
        f"{whose} ({short_date(rating.rated_on, facts.as_of)}) is {rating.level} "
        f"({sc.label(rating.level)}), {diff} below your target of {s.target_level} "
        f"({sc.label(s.target_level)})"
    )
    return diff / (sc.span / 2), reason


def comparison(facts: JournalFacts, s: SkillFacts) -> Comparison:
    """The skills matrix's rule (core/skills/evidence.py) on these facts."""
    view = mentor_view(s.mentor_recent, facts.as_of)
    return compare(s.latest_self, view, s.latest_mentor, facts.scale.span)


def blind_spot(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """The user's own rating well above what mentors recently said; surer with more ratings."""
    if comparison(facts, s) != Comparison.BLIND_SPOT:
        return 0.0, None
    me = s.latest_self
    view = mentor_view(s.mentor_recent, facts.as_of)
    assert me is not None and view is not None
    sc = facts.scale
    mine = (
        f"Blind spot: you rated yourself {me.level} ({sc.label(me.level)}) on "
        f"{short_date(me.rated_on, facts.as_of)}"
    )
    if len(view.latest) == 1 and view.ratings == 1:
        them = view.newest
        theirs = (
            f"{them.rater or 'your mentor'} rated you {them.level} ({sc.label(them.level)}) "
            f"on {short_date(them.rated_on, facts.as_of)}"
        )
    else:
        theirs = (
            f"{raters_text(view)} rated you {mean_text(view.mean)} on average in the last "
            f"{EVIDENCE_DAYS} days ({plural(view.ratings, 'rating')}, the latest on "
            f"{short_date(view.newest.rated_on, facts.as_of)})"
        )
    return 0.5 + 0.25 * (view.ratings - 1), f"{mine}; {theirs}"


def unanswered_weight(notes: list[MentorNote]) -> float:
    """A low rating counts 1, a critical comment without one counts half."""
    return sum(1.0 if n.low else 0.5 for n in notes)


def unanswered(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Feedback asking for an answer that no reflection is linked to."""
    if not s.unanswered:
        return 0.0, None
    return min(1.0, 0.2 + 0.3 * unanswered_weight(s.unanswered)), unanswered_reason(facts, s)


def unanswered_reason(facts: JournalFacts, s: SkillFacts) -> str:
    """Who said what, how often since when, the mentor's own words, and that it is
    unanswered: "Ms Okafor rated this 1/5 three times since 2 Sep (“…”); you have not
    answered any"."""
    notes = s.unanswered  # newest first
    high = facts.scale.high
    low = [n for n in notes if n.low]
    comments = [n for n in notes if not n.low]
    parts = []
    if low:
        levels = sorted({n.level for n in low if n.level is not None})
        rated = " or ".join(f"{lv}/{high}" for lv in levels)
        who = names_text([n.mentor for n in low], "A mentor")
        when = _when(low, facts.as_of)
        parts.append(f"{who} rated this {rated}{_times(len(low))} {when}")
    if comments:
        who = names_text([n.mentor for n in comments], "a mentor" if parts else "A mentor")
        when = _when(comments, facts.as_of)
        parts.append(f"{who} asked for change{_times(len(comments))} {when}")
    # The newest comment that asks for change is the one to quote; else the newest comment.
    words = next((n.comment for n in notes if n.cues), "") or next(
        (n.comment for n in notes if n.comment.strip()), ""
    )
    said = " and ".join(parts) + (f" ({quote(words)})" if words else "")
    tail = "you have not answered it" if len(notes) == 1 else "you have not answered any"
    if len(notes) > 2:
        tail = f"you have not answered any of the {len(notes)}"
    return f"{said}; {tail}"


def _times(n: int) -> str:
    return "" if n == 1 else f" {times(n)}"


def _when(notes: list[MentorNote], as_of: dt.date) -> str:
    oldest = min(n.given_on for n in notes)
    return f"{'on' if len(notes) == 1 else 'since'} {short_date(oldest, as_of)}"


def low_ratings_unanswered(s: SkillFacts) -> int:
    """Unanswered ratings below target: the third escalates the skill."""
    return sum(1 for n in s.unanswered if n.low)


def nudges(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """The daily hard-conversation nudge about it put off."""
    n = s.dismissed + s.snoozed
    if not n:
        return 0.0, None
    parts = []
    if s.dismissed:
        parts.append(f"said “not today” {times(s.dismissed)}")
    if s.snoozed:
        parts.append(f"snoozed it {times(s.snoozed)}")
    return n / 3, f"You {' and '.join(parts)} in the last {facts.window_days} days"


def commitments(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Commitments on it overdue, or dropped recently."""
    overdue_n, dropped = len(s.overdue_due), s.dropped
    if not overdue_n and not dropped:
        return 0.0, None
    parts = []
    if overdue_n == 1:
        parts.append(
            f"1 commitment on it is overdue (due {short_date(s.overdue_due[0], facts.as_of)})"
        )
    elif overdue_n:
        oldest = short_date(s.overdue_due[0], facts.as_of)
        parts.append(f"{overdue_n} commitments on it are overdue (the oldest was due {oldest})")
    if dropped:
        parts.append(
            f"you dropped {plural(dropped, 'commitment')} on it in the last "
            f"{facts.window_days} days"
        )
    reason = "; ".join(parts)
    return (overdue_n + dropped) / 2, reason[0].upper() + reason[1:]


def comfort(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """Writing about it only when it felt safe."""
    rated = [r.comfort for r in on_it(s) if r.comfort is not None]
    if len(rated) < 2:
        return 0.0, None
    avg = sum(rated) / len(rated)
    reason = (
        f"Your last {len(rated)} reflections on it stayed inside your comfort zone "
        f"(comfort {avg:.1f} of 5 on average)"
    )
    return (COMFORT_BELOW - avg) / (COMFORT_BELOW - 1), reason


# How much a reflection at each level counts as shallow.
SHALLOW = {DepthLevel.DESCRIPTIVE_WRITING: 1.0, DepthLevel.DESCRIPTIVE_REFLECTION: 0.5}


def on_it(s: SkillFacts) -> list[ReflectionFact]:
    """Its latest reflections that discuss it: how deep or comfortable a reflection about
    something else was says nothing about this skill."""
    return [r for r in s.recent if r.discussed]


def depth(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """The share of shallow reflections among its latest."""
    recent = on_it(s)
    if len(recent) < 2:
        return 0.0, None
    writing = sum(1 for r in recent if r.depth == DepthLevel.DESCRIPTIVE_WRITING)
    little = sum(1 for r in recent if r.depth == DepthLevel.DESCRIPTIVE_REFLECTION)
    strength = sum(SHALLOW.get(r.depth, 0.0) for r in recent) / len(recent)
    if not strength:
        return 0.0, None
    n = len(recent)
    if writing == n:
        reason = f"Your last {n} reflections on it only describe what happened"
    elif little == n:
        reason = f"Your last {n} reflections on it reflect only a little"
    else:
        parts = []
        if writing:
            parts.append(
                f"{writing} only {'describes' if writing == 1 else 'describe'} what happened"
            )
        if little:
            parts.append(f"{little} {'reflects' if little == 1 else 'reflect'} only a little")
        reason = f"Of your last {n} reflections on it, " + " and ".join(parts)
    reason += " (no causes, alternatives or next step weighed)"
    return strength, reason


def feedback(facts: JournalFacts, s: SkillFacts) -> tuple[float, str | None]:
    """No feedback asked for or received for long, or only an old view to go by."""
    if comparison(facts, s) == Comparison.STALE:
        me, them = s.latest_self, s.latest_mentor
        assert me is not None and them is not None
        reason = (
            f"You rate yourself {me.level}, and the only mentor view is old: "
            f"{them.rater or 'a mentor'} rated you {them.level} on "
            f"{short_date(them.rated_on, facts.as_of)}; ask for fresh feedback on it"
        )
        return 1.0, reason
    if s.last_feedback is None:
        days = facts.journal_days
        reason = f"No feedback asked for or received on it in {days_text(days)} of journaling"
    else:
        days = (facts.as_of - s.last_feedback).days
        reason = f"No feedback asked for or received on it for {days_text(days)}"
    return (days - FEEDBACK_GRACE_DAYS) / FEEDBACK_GRACE_DAYS, reason


SIGNALS: dict[str, SignalFn] = {
    "overdue": overdue,
    "cadence": cadence,
    "linked_only": linked_only,
    "unanswered": unanswered,
    "gap": gap,
    "blind_spot": blind_spot,
    "nudges": nudges,
    "commitments": commitments,
    "comfort": comfort,
    "depth": depth,
    "feedback": feedback,
}
