"""The avoidance model: per active skill a 0–100 score from named signals, each with a reason,
and a band that says what to do about it.

Pure and deterministic for an ``as_of`` date: ``load_facts`` reads what the journal held on
that date (``avoidance_data.py``), ``score_facts`` turns those facts into scores without
touching the database; the signals and their wording are in ``avoidance_signals.py``. Every
formula, weight, band and reason wording is in ``docs/avoidance.md``; keep them in step.

Each signal has a *strength* between 0 and 1; its *points* are ``weight × strength``; a
skill's score is the sum of its points, stopped at 100. The weights add up to more than 100
on purpose: a skill neglected in several ways at once should reach the top of the scale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from plnjournal.core.insights import avoidance_signals as sig
from plnjournal.core.insights.avoidance_data import (
    JournalFacts,
    MentorNote,
    RatingFact,
    SkillFacts,
    load_facts,
)
from plnjournal.core.insights.avoidance_signals import quote, short_date
from plnjournal.core.skills.evidence import (
    EVIDENCE_DAYS,
    Comparison,
    mean_text,
    mentor_view,
    raters_text,
)
from plnjournal.core.words import days_text, plural, times
from plnjournal.values import Band

__all__ = [
    "ACT_NOW_FROM",
    "DEFAULT_WEIGHTS",
    "LABELS",
    "WATCH_FROM",
    "Signal",
    "SkillScore",
    "avoidance_scores",
    "band_of",
    "days_text",
    "describe_score",
    "plural",
    "points_text",
    "quiet_text",
    "quote",
    "score_facts",
    "short_date",
    "times",
]

# Score thresholds of the bands (docs/avoidance.md, "Bands"): at or above ACT_NOW_FROM, act
# now; at or above WATCH_FROM, watch; below, fine.
ACT_NOW_FROM = 60
WATCH_FROM = 25
# The most a score can be.
SCORE_CAP = 100

# Signal name -> weight (the most points it can give). "escalated" only ever tops a score up
# to the act-now band (the third unanswered low rating), so its weight is that threshold.
DEFAULT_WEIGHTS: dict[str, float] = {
    "overdue": 40,
    "unanswered": 35,
    "cadence": 10,
    "linked_only": 10,
    "gap": 10,
    "blind_spot": 10,
    "depth": 10,
    "nudges": 5,
    "commitments": 5,
    "comfort": 5,
    "feedback": 5,
    "escalated": ACT_NOW_FROM,
}
LABELS: dict[str, str] = {
    "overdue": "Time since the last reflection",
    "unanswered": "Unanswered feedback",
    "cadence": "Fewer reflections than your cadence",
    "linked_only": "Linked but not discussed",
    "gap": "Gap to the target level",
    "blind_spot": "Blind spot",
    "depth": "Shallow reflections",
    "nudges": "Hard conversations put off",
    "commitments": "Overdue or dropped commitments",
    "comfort": "Staying in the comfort zone",
    "feedback": "Time since feedback",
    "escalated": "Low ratings left unanswered",
}


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
    cadence_days: int | None
    target_level: int
    self_rating: RatingFact | None = None
    mentor_rating: RatingFact | None = None
    blind_spot: bool = False
    reflections_window: int = 0
    discussed_window: int = 0
    unanswered: list[MentorNote] = field(default_factory=list)
    snoozed_until: dt.date | None = None
    # Good news that is not part of the score (a hidden strength).
    good_news: list[str] = field(default_factory=list)
    # The journal is younger than its longest cadence (JournalFacts.getting_started).
    getting_started: bool = False
    last_discussed: dt.date | None = None

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

    @property
    def not_yet_due(self) -> bool:
        """Never reflected on, but the journal is younger than the skill's cadence: nothing
        can be said against it yet."""
        if self.last_reflected is not None or self.cadence_days is None:
            return False
        return self.getting_started and self.score < WATCH_FROM

    def to_json(self) -> dict[str, Any]:  # JSON: each key's value has its own type
        """The shape ``plnjournal avoidance --json`` prints."""
        return {
            "code": self.code,
            "skill": self.skill,
            "area": self.area,
            "score": self.score,
            "band": str(self.band),
            "reasons": list(self.reasons),
            "good_news": list(self.good_news),
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
            "getting_started": self.getting_started,
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
    scores = [_score_skill(facts, s, w) for s in facts.skills]
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


def _score_skill(facts: JournalFacts, s: SkillFacts, w: Mapping[str, float]) -> SkillScore:
    signals = []
    for name, fn in sig.SIGNALS.items():
        strength, reason = fn(facts, s)
        strength = min(1.0, max(0.0, strength))
        signals.append(Signal(name, float(w.get(name, 0)), strength, reason if strength else None))
    total = sum(g.weight * g.strength for g in signals)
    signals.append(_escalation(facts, s, total, float(w.get("escalated", 0))))
    total = min(float(SCORE_CAP), sum(g.weight * g.strength for g in signals))
    ranked = sorted((g for g in signals if g.points > 0 and g.reason), key=_by_points)
    comparison = sig.comparison(facts, s)
    return SkillScore(
        skill_id=s.skill_id,
        code=s.code,
        skill=s.name,
        area=s.area,
        score=int(round(total)),
        reasons=[g.reason for g in ranked if g.reason],
        signals=signals,
        last_reflected=s.last_reflected,
        as_of=facts.as_of,
        cadence_days=s.cadence_days,
        target_level=s.target_level,
        self_rating=s.latest_self,
        mentor_rating=s.latest_mentor,
        blind_spot=comparison == Comparison.BLIND_SPOT,
        reflections_window=s.reflections_window,
        discussed_window=s.discussed_window,
        unanswered=list(s.unanswered),
        snoozed_until=s.snoozed_until,
        good_news=_good_news(facts, s, comparison),
        getting_started=facts.getting_started,
        last_discussed=s.last_discussed,
    )


def _escalation(facts: JournalFacts, s: SkillFacts, total: float, weight: float) -> Signal:
    """The third unanswered low rating puts the skill in the act-now band whatever else the
    journal shows: the points that lift it there, if it is not there already."""
    n = sig.low_ratings_unanswered(s)
    if n < sig.ESCALATE_AT or weight <= 0 or total >= weight:
        return Signal("escalated", weight, 0.0, None)
    reason = (
        f"{plural(n, 'low rating')} on it unanswered: it stays in the act-now band until "
        "you answer them"
    )
    return Signal("escalated", weight, (weight - total) / weight, reason)


def _good_news(facts: JournalFacts, s: SkillFacts, comparison: Comparison) -> list[str]:
    if comparison != Comparison.HIDDEN_STRENGTH:
        return []
    me = s.latest_self
    view = mentor_view(s.mentor_recent, facts.as_of)
    assert me is not None and view is not None
    return [
        f"Hidden strength: you rate yourself {me.level} ({facts.scale.label(me.level)}); "
        f"{raters_text(view)} rated you {mean_text(view.mean)} in the last "
        f"{EVIDENCE_DAYS} days. Your mentors see more than you do here."
    ]


def _by_points(g: Signal) -> tuple[float, int]:
    order = list(DEFAULT_WEIGHTS)
    return (-g.points, order.index(g.name) if g.name in order else 99)


def describe_score(s: SkillScore) -> str:
    """A skill's score with every signal that gave points, for hover and details panes;
    never a sentence the facts do not support."""
    lines = [f"{s.code} {s.skill} ({s.area}): {s.band}, avoidance score {s.score} out of 100"]
    for g in sorted(s.signals, key=lambda g: -g.points):
        if g.points > 0:
            lines.append(f"• {LABELS[g.name]}, {points_text(g)}: {g.reason}")
    if len(lines) == 1:
        lines.append(quiet_text(s))
    elif s.cadence_days is None:
        lines.append("It has no cadence, so it is never overdue.")
    lines.extend(s.good_news)
    last = s.last_reflected
    lines.append(f"Last reflected on: {short_date(last, s.as_of) if last else 'never'}")
    return "\n\n".join(lines)


def points_text(g: Signal) -> str:
    """What a signal adds, in words: "the full 40 points", "22 of a possible 40 points"."""
    if g.points >= g.weight:
        return f"the full {g.weight:g} points"
    return f"{g.points:g} of a possible {g.weight:g} points"


def quiet_text(s: SkillScore) -> str:
    """What to say about a skill nothing was found against, true to its facts."""
    if s.last_reflected is None:
        if s.cadence_days is None:
            return "Not reflected on yet; it has no cadence, so it is never overdue."
        return (
            f"Not reflected on yet, and not due: the journal is younger than its cadence "
            f"(every {plural(s.cadence_days, 'day')})."
        )
    if s.cadence_days is None:
        return "Nothing found against it (it has no cadence, so it is never overdue)."
    return "Nothing found against it: you are keeping up with it."
