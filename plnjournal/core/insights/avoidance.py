"""The avoidance model: per active skill a 0–100 score from named signals, each with a reason.

Pure and deterministic for an ``as_of`` date: ``load_facts`` reads what the journal held on
that date (``core/insights/avoidance_data.py``), ``score_facts`` turns those facts into scores without
touching the database. Every formula, weight and reason wording is in ``docs/avoidance.md``;
keep the two in step.

Each signal has a *strength* between 0 and 1; its *points* are ``weight × strength``; a
skill's score is the sum of its points (the default weights add up to 100), rounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from plnjournal.core.insights.avoidance_data import (
    JournalFacts,
    MentorNote,
    RatingFact,
    SkillFacts,
    load_facts,
)
from plnjournal.values import Band

# Signal name -> weight (the most points it can give). They add up to 100.
DEFAULT_WEIGHTS: dict[str, float] = {
    "overdue": 25,
    "share": 10,
    "gap": 10,
    "blind_spot": 10,
    "unanswered": 15,
    "nudges": 10,
    "commitments": 5,
    "comfort": 5,
    "depth": 5,
    "feedback": 5,
}
LABELS: dict[str, str] = {
    "overdue": "Time since the last reflection",
    "share": "Share of reflections",
    "gap": "Gap to the target level",
    "blind_spot": "Blind spot",
    "unanswered": "Unanswered feedback",
    "nudges": "Hard conversations put off",
    "commitments": "Overdue or dropped commitments",
    "comfort": "Staying in the comfort zone",
    "depth": "Descriptive reflections",
    "feedback": "Time since feedback",
}
# Score thresholds of the bands (docs/avoidance.md, "Bands"): at or above ACT_NOW, act now;
# at or above WATCH, watch; below, fine.
ACT_NOW_FROM = 60
WATCH_FROM = 25
# The fair-share signal needs this many skill links in the window before it judges anything.
MIN_LINKS_FOR_SHARE = 20
# Feedback older than this starts to count; twice this is the full signal.
FEEDBACK_GRACE_DAYS = 90
# Average comfort ("how far outside my comfort zone", 1–5) below this starts to count.
COMFORT_BELOW = 2.0


@dataclass(frozen=True)
class Signal:
    """One named component of a score: its weight, how strongly it fires, and why."""

    name: str
    weight: float
    strength: float
    reason: str | None = None

    @property
    def label(self) -> str:
        """The signal's name as the reasons and the charts' legends show it."""
        return LABELS.get(self.name, self.name)

    @property
    def points(self) -> float:
        """What the signal adds to the score, rounded as every front end shows it."""
        return round(self.weight * self.strength, 1)


@dataclass
class SkillScore:
    """A skill's avoidance score with the signals it is made of and the facts behind them."""

    skill_id: int
    code: str
    skill: str
    area: str
    score: int
    reasons: list[str]
    signals: list[Signal]
    last_reflected: dt.date | None
    as_of: dt.date
    cadence_days: int
    target_level: int
    self_rating: RatingFact | None = None
    mentor_rating: RatingFact | None = None
    blind_spot: bool = False
    reflections_window: int = 0
    unanswered: list[MentorNote] = field(default_factory=list)
    snoozed_until: dt.date | None = None

    @property
    def band(self) -> Band:
        """Act now, watch or fine: what the number asks of the user."""
        return band_of(self.score)

    def signal(self, name: str) -> Signal:
        """One signal by name (every score carries all of them), for the charts and tests."""
        return next(s for s in self.signals if s.name == name)

    @property
    def days_since(self) -> int | None:
        """Days from the last reflection to ``as_of`` (None if never reflected on)."""
        return None if self.last_reflected is None else (self.as_of - self.last_reflected).days

    def to_json(self) -> dict[str, Any]:  # JSON: each key's value has its own type
        """The shape ``plnjournal avoidance --json`` prints."""
        return {
            "code": self.code,
            "skill": self.skill,
            "area": self.area,
            "score": self.score,
            "band": str(self.band),
            "reasons": list(self.reasons),
            "signals": {
                s.name: {
                    "weight": s.weight,
                    "strength": round(s.strength, 3),
                    "points": s.points,
                    "reason": s.reason,
                }
                for s in self.signals
            },
            "last_reflected": self.last_reflected.isoformat() if self.last_reflected else None,
        }


def band_of(score: int) -> Band:
    """The band a score falls in (the thresholds ``ACT_NOW_FROM`` and ``WATCH_FROM``)."""
    if score >= ACT_NOW_FROM:
        return Band.ACT_NOW
    return Band.WATCH if score >= WATCH_FROM else Band.FINE


def avoidance_scores(
    session: Session,
    as_of: dt.date | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    include_private: bool = True,
) -> list[SkillScore]:
    """Scores for every active skill, highest first, as the journal stood on ``as_of``."""
    facts = load_facts(session, as_of or dt.date.today(), include_private=include_private)
    return score_facts(facts, weights=weights)


def score_facts(
    facts: JournalFacts, *, weights: Mapping[str, float] | None = None
) -> list[SkillScore]:
    """Score already-read facts (pure). Ties: longer without a reflection first, then
    framework order."""
    w = dict(DEFAULT_WEIGHTS)
    w.update(weights or {})
    inv = sum(1 / s.cadence_days for s in facts.skills) or 1.0
    scores = [_score_skill(facts, s, w, (1 / s.cadence_days) / inv) for s in facts.skills]
    order = {s.skill_id: i for i, s in enumerate(facts.skills)}
    never = 10**9
    scores.sort(
        key=lambda s: (
            -s.score,
            -(s.days_since if s.days_since is not None else never),
            order[s.skill_id],
        )
    )
    return scores


def _score_skill(
    facts: JournalFacts, s: SkillFacts, w: Mapping[str, float], fair_fraction: float
) -> SkillScore:
    raw: list[tuple[str, float, str | None]] = []
    for name, fn in _SIGNALS.items():
        strength, reason = fn(facts, s, fair_fraction)
        strength = min(1.0, max(0.0, strength))
        raw.append((name, strength, reason if strength > 0 else None))
    signals = [Signal(n, float(w.get(n, 0)), st, r) for n, st, r in raw]
    total = min(100.0, sum(sig.weight * sig.strength for sig in signals))
    ranked = sorted((sig for sig in signals if sig.points > 0 and sig.reason), key=_by_points)
    return SkillScore(
        skill_id=s.skill_id,
        code=s.code,
        skill=s.name,
        area=s.area,
        score=int(round(total)),
        reasons=[sig.reason for sig in ranked if sig.reason],
        signals=signals,
        last_reflected=s.last_reflected,
        as_of=facts.as_of,
        cadence_days=s.cadence_days,
        target_level=s.target_level,
        self_rating=s.latest_self,
        mentor_rating=s.latest_mentor,
        blind_spot=is_blind_spot(facts, s),
        reflections_window=s.reflections_window,
        unanswered=list(s.unanswered),
        snoozed_until=s.snoozed_until,
    )


def _by_points(sig: Signal) -> tuple[float, int]:
    return (
        -sig.points,
        list(DEFAULT_WEIGHTS).index(sig.name) if sig.name in DEFAULT_WEIGHTS else 99,
    )


def describe_score(s: SkillScore) -> str:
    """A skill's score with every signal that gave points, for hover and details panes."""
    lines = [f"{s.code} {s.skill} ({s.area}): {s.score} of 100"]
    for sig in sorted(s.signals, key=lambda g: -g.points):
        if sig.points > 0:
            lines.append(f"• {LABELS[sig.name]}: {sig.points:g} of {sig.weight:g} — {sig.reason}")
    if len(lines) == 1:
        lines.append("Nothing found against it: you are keeping up with it.")
    last = s.last_reflected
    lines.append(f"Last reflected on: {short_date(last, s.as_of) if last else 'never'}")
    return "\n\n".join(lines)


# --- the signals: each returns (strength 0..1, reason) ----------------------------------


def short_date(day: dt.date, as_of: dt.date) -> str:
    """ "3 Nov", or "3 Nov 2025" when the year differs from the as-of date's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == as_of.year else f"{text} {day.year}"


def times(n: int) -> str:
    """ "once", "twice", "3 times": the reasons read as sentences, not counts."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` with the word in the right number (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def days_text(days: int) -> str:
    """ "47 days"; long spans also in years, "1510 days (about 4 years)"."""
    text = plural(days, "day")
    return text if days < 730 else f"{text} (about {round(days / 365)} years)"


def _cadence_words(s: SkillFacts) -> str:
    if s.cadence_source == "skill":
        return f"you aimed for every {s.cadence_days}"
    if s.cadence_source == "framework":
        return f"the framework's default is every {s.cadence_days}"
    return f"the default is every {s.cadence_days}"


def _journal_days(facts: JournalFacts) -> int:
    return (facts.as_of - facts.first_entry).days if facts.first_entry else 0


def _overdue(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    if s.last_reflected is None:
        days = _journal_days(facts)
        reason = f"Never reflected on in {days_text(days)} of journaling ({_cadence_words(s)})"
    else:
        days = (facts.as_of - s.last_reflected).days
        reason = f"No reflection for {days_text(days)} ({_cadence_words(s)})"
    return (days / s.cadence_days - 1) / 3, reason


def _share(facts: JournalFacts, s: SkillFacts, fair_fraction: float) -> tuple[float, str | None]:
    if facts.links_window < MIN_LINKS_FOR_SHARE:
        return 0.0, None
    fair = facts.links_window * fair_fraction
    fair_text = f"{fair:.0f}" if fair >= 10 else f"{fair:.1f}".removesuffix(".0")
    reason = (
        f"Linked to {plural(s.reflections_window, 'reflection')} in the last "
        f"{facts.window_days} days, against a fair share of {fair_text}"
    )
    return 1 - s.reflections_window / fair, reason


def current_rating(s: SkillFacts) -> tuple[RatingFact | None, str]:
    """The level the gap is measured from, as the skills matrix has it: the latest mentor
    rating, else the latest self rating."""
    if s.latest_mentor is not None:
        return s.latest_mentor, f"{s.latest_mentor.rater or 'Your mentor'}'s latest rating"
    return s.latest_self, "Your latest rating"


def _gap(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    rating, whose = current_rating(s)
    if rating is None:
        return 0.0, None
    gap = s.target_level - rating.level
    sc = facts.scale
    reason = (
        f"{whose} ({short_date(rating.rated_on, facts.as_of)}) is {rating.level} "
        f"({sc.label(rating.level)}), {gap} below your target of {s.target_level} "
        f"({sc.label(s.target_level)})"
    )
    return gap / (sc.span / 2), reason


def is_blind_spot(facts: JournalFacts, s: SkillFacts) -> bool:
    """Latest self rating above the latest mentor rating by more than a third of the scale
    (the skills matrix's rule)."""
    if s.latest_self is None or s.latest_mentor is None:
        return False
    return s.latest_self.level - s.latest_mentor.level > facts.scale.span / 3


def _blind_spot(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    if not is_blind_spot(facts, s):
        return 0.0, None
    me, them = s.latest_self, s.latest_mentor
    assert me is not None and them is not None
    sc = facts.scale
    who = them.rater or "your mentor"
    reason = (
        f"Blind spot: you rated yourself {me.level} ({sc.label(me.level)}) on "
        f"{short_date(me.rated_on, facts.as_of)}; {who} rated you {them.level} "
        f"({sc.label(them.level)}) on {short_date(them.rated_on, facts.as_of)}"
    )
    return 1.0, reason


def _unanswered(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    if not s.unanswered:
        return 0.0, None
    note = s.unanswered[0]
    who = note.mentor or "A mentor"
    when = short_date(note.given_on, facts.as_of)
    if note.level is not None:
        said = f"{who} rated this {note.level}/{facts.scale.high} on {when}"
    else:
        said = f"{who} commented on {when} ({quote(note.comment)})"
    reason = f"{said}; you have not written about it since"
    more = len(s.unanswered) - 1
    if more:
        reason += f" ({plural(more, 'earlier item')} unanswered too)"
    return 0.6 + 0.2 * more, reason


def quote(comment: str, limit: int = 60) -> str:
    """A mentor comment shortened to one line, in quotation marks."""
    text = " ".join(comment.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def _nudges(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    n = s.dismissed + s.snoozed
    if not n:
        return 0.0, None
    parts = []
    if s.dismissed:
        parts.append(f"said “not today” {times(s.dismissed)}")
    if s.snoozed:
        parts.append(f"snoozed it {times(s.snoozed)}")
    reason = f"You {' and '.join(parts)} in the last {facts.window_days} days"
    return n / 3, reason


def _commitments(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    overdue, dropped = len(s.overdue_due), s.dropped
    if not overdue and not dropped:
        return 0.0, None
    parts = []
    if overdue == 1:
        parts.append(
            f"1 commitment on it is overdue (due {short_date(s.overdue_due[0], facts.as_of)})"
        )
    elif overdue:
        oldest = short_date(s.overdue_due[0], facts.as_of)
        parts.append(f"{overdue} commitments on it are overdue (the oldest was due {oldest})")
    if dropped:
        parts.append(
            f"you dropped {plural(dropped, 'commitment')} on it in the last "
            f"{facts.window_days} days"
        )
    reason = "; ".join(parts)
    return (overdue + dropped) / 2, reason[0].upper() + reason[1:]


def _comfort(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    # Comfort is "how far outside my comfort zone" (1–5): averages below 2 mean the user only
    # writes about this skill when it felt safe.
    rated = [r.comfort for r in s.recent if r.comfort is not None]
    if len(rated) < 2:
        return 0.0, None
    avg = sum(rated) / len(rated)
    reason = (
        f"Your last {len(rated)} reflections on it stayed inside your comfort zone "
        f"(comfort {avg:.1f} of 5 on average)"
    )
    return (COMFORT_BELOW - avg) / (COMFORT_BELOW - 1), reason


def _depth(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    if len(s.recent) < 2:
        return 0.0, None
    descriptive = sum(r.descriptive for r in s.recent)
    share = descriptive / len(s.recent)
    reason = (
        f"{descriptive} of your last {len(s.recent)} reflections on it only describe what "
        "happened (no analysis, action or commitment)"
    )
    return (share - 0.5) / 0.5, reason


def _feedback(facts: JournalFacts, s: SkillFacts, _fair: float) -> tuple[float, str | None]:
    if s.last_feedback is None:
        days = _journal_days(facts)
        reason = f"No feedback asked for or received on it in {days_text(days)} of journaling"
    else:
        days = (facts.as_of - s.last_feedback).days
        reason = f"No feedback asked for or received on it for {days_text(days)}"
    return (days - FEEDBACK_GRACE_DAYS) / FEEDBACK_GRACE_DAYS, reason


_SIGNALS: dict[str, Callable[[JournalFacts, SkillFacts, float], tuple[float, str | None]]] = {
    "overdue": _overdue,
    "share": _share,
    "gap": _gap,
    "blind_spot": _blind_spot,
    "unanswered": _unanswered,
    "nudges": _nudges,
    "commitments": _commitments,
    "comfort": _comfort,
    "depth": _depth,
    "feedback": _feedback,
}
