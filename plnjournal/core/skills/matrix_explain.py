"""Every number of the skills matrix in plain words (tooltips, the PDF's notes, the CLI)."""

from __future__ import annotations

import datetime as dt

from plnjournal.core.skills.evidence import Comparison
from plnjournal.core.skills.matrix import RECENT_DAYS, MatrixRow, RatingPoint, SkillMatrix
from plnjournal.core.words import ago, plural
from plnjournal.values import RatingOrigin, RatingSource

ORIGIN_WORDS = {
    RatingOrigin.ENTRY: "given with a reflection",
    RatingOrigin.SELF_ASSESSMENT: "from a self-assessment",
    RatingOrigin.FEEDBACK: "from mentor feedback",
    RatingOrigin.IMPORT: "imported",
}


def day(d: dt.date) -> str:
    """3 Nov 2026: unambiguous in every locale."""
    return f"{d.day} {d:%b %Y}"


def _who(p: RatingPoint) -> str:
    if p.source == RatingSource.SELF:
        return "your own rating"
    return f"{p.rater}'s rating" if p.rater else "a mentor's rating"


def explain(row: MatrixRow, m: SkillMatrix) -> dict[str, str]:
    """Keys: target, self, mentor, gap, self_mentor, last_reflected, recent, trend."""
    out: dict[str, str] = {}
    out["target"] = f"You aim for {row.target_level} ({m.label(row.target_level)}) on this skill."
    s, mentor = row.latest_self, row.latest_mentor
    out["self"] = (
        f"Your latest self rating: {s.level} ({m.label(s.level)}) on {day(s.on)}, "
        f"{ORIGIN_WORDS[s.origin]}."
        if s
        else "You have not rated yourself on this skill yet."
    )
    out["mentor"] = (
        f"{mentor.rater or 'A mentor'} rated this {mentor.level} ({m.label(mentor.level)}) "
        f"on {day(mentor.on)}."
        if mentor
        else "No mentor has rated this skill yet."
    )
    cur, gap = row.current, row.gap_to_target
    if cur is None or gap is None:
        out["gap"] = "No rating yet, so the distance to the target is unknown."
    elif gap > 0:
        out["gap"] = (
            f"Target {row.target_level} − current level {cur.level} ({_who(cur)}, "
            f"{day(cur.on)}) = {plural(gap, 'level')} to go."
        )
    else:
        out["gap"] = (
            f"Target reached: current level {cur.level} ({_who(cur)}, {day(cur.on)}) is at or "
            f"above the target {row.target_level}."
        )
    sm = row.self_mentor_gap
    if sm is None or s is None or mentor is None:
        out["self_mentor"] = "Needs both a self rating and a mentor rating to compare."
    elif sm == 0:
        out["self_mentor"] = f"You and {mentor.rater or 'your mentor'} agree: {s.level}."
    else:
        direction = "higher" if sm > 0 else "lower"
        text = (
            f"You rate yourself {s.level}; {mentor.rater or 'your mentor'} rated {mentor.level}: "
            f"{plural(abs(sm), 'level')} {direction} than your mentor."
        )
        if m.is_blind_spot(row):
            text += (
                " A blind spot: more than a third of the scale above what your mentors said in "
                "the last 180 days."
            )
        elif m.is_hidden_strength(row):
            text += (
                " A hidden strength: your mentors' view of the last 180 days is more than a "
                "third of the scale above yours."
            )
        elif row.comparison == Comparison.STALE:
            text += " Their rating is over 180 days old: ask for fresh feedback before judging."
        out["self_mentor"] = text
    if row.last_reflected is None:
        out["last_reflected"] = "You have not linked any reflection to this skill yet."
    else:
        text = f"Last reflection on {day(row.last_reflected)}, {ago(row.days_since_reflected or 0)}"
        if row.cadence_days is not None:
            text += f"; you aimed for every {plural(row.cadence_days, 'day')}"
            if row.overdue_days:
                text += f" (overdue by {plural(row.overdue_days, 'day')})"
        out["last_reflected"] = text + "."
    first = m.as_of - dt.timedelta(days=RECENT_DAYS - 1)
    out["recent"] = (
        f"{plural(row.reflections_recent, 'reflection')} linked to this skill between "
        f"{day(first)} and {day(m.as_of)}."
    )
    levels = ", ".join(
        f"{d:%b} {lv if lv is not None else '–'}"
        for d, lv in zip(m.trend_months, row.trend, strict=False)
    )
    change = row.level_change
    since = f"Change since {day(m.change_since)}: " + (
        "none yet (no rating before then)"
        if change is None
        else f"{change:+d} level{'s' if abs(change) != 1 else ''}"
    )
    out["trend"] = f"Current level at each month's end: {levels}. {since}."
    return out
