"""How the user's own rating compares with what mentors recently said: blind spot, hidden
strength, or a view too old to judge by.

One rule for the skills matrix, the avoidance model, the charts and the report, so they never
disagree (docs/avoidance.md, "Blind spot and hidden strength"). Pure: the callers read the
ratings.

Mentor evidence is *recent*: the ratings of the last ``EVIDENCE_DAYS`` days, each rater's
latest counting once (a mentor who rated a skill five times is one view, not five). A self
rating further than a third of the scale above that mean is a blind spot; as far below, a
hidden strength. With no recent mentor rating, a large gap to an old one is only a reason to
ask for fresh feedback. A self rating given more than ``EVIDENCE_DAYS`` before the newest
mentor rating is not compared at all: it is not the user's view any more.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

# How far back mentor ratings count as the mentors' current view.
EVIDENCE_DAYS = 180


@dataclass(frozen=True)
class RatingFact:
    """A dated rating and who gave it ("" when the file did not say)."""

    level: int
    rated_on: dt.date
    rater: str = ""


@dataclass(frozen=True)
class MentorView:
    """The mentors' recent view of a skill: each rater's latest rating in the window."""

    latest: tuple[RatingFact, ...]  # one per rater, newest first
    ratings: int  # every mentor rating in the window, repeats included

    @property
    def mean(self) -> float:
        """The mean of each rater's latest rating."""
        return sum(r.level for r in self.latest) / len(self.latest)

    @property
    def newest(self) -> RatingFact:
        """The most recent of the raters' latest ratings."""
        return self.latest[0]


class Comparison(enum.StrEnum):
    BLIND_SPOT = "blind spot"
    HIDDEN_STRENGTH = "hidden strength"
    STALE = "stale"  # a large gap to a mentor rating older than the window
    NONE = "none"


def mentor_view(
    ratings: Iterable[RatingFact], as_of: dt.date, days: int = EVIDENCE_DAYS
) -> MentorView | None:
    """The recent view from mentor ratings given in the ``days`` up to ``as_of`` (None
    when there is none). Ratings of the same day keep the order given (the last one wins)."""
    start = as_of - dt.timedelta(days=days)
    recent = [r for r in ratings if start < r.rated_on <= as_of]
    if not recent:
        return None
    latest: dict[str, RatingFact] = {}
    for r in sorted(recent, key=lambda r: r.rated_on):
        latest[r.rater.strip().casefold()] = r
    ordered = sorted(latest.values(), key=lambda r: r.rated_on, reverse=True)
    return MentorView(tuple(ordered), len(recent))


def compare(
    self_rating: RatingFact | None,
    view: MentorView | None,
    latest_mentor: RatingFact | None,
    span: int,
) -> Comparison:
    """Where the user's latest self rating stands against the mentors' (see the module)."""
    if self_rating is None or self_rating.rated_on <= self_rating_cutoff(view, latest_mentor):
        return Comparison.NONE
    limit = max(1, span) / 3
    if view is not None:
        diff = self_rating.level - view.mean
        if diff > limit:
            return Comparison.BLIND_SPOT
        if -diff > limit:
            return Comparison.HIDDEN_STRENGTH
        return Comparison.NONE
    if latest_mentor is not None and self_rating.level - latest_mentor.level > limit:
        return Comparison.STALE
    return Comparison.NONE


def self_rating_cutoff(view: MentorView | None, latest_mentor: RatingFact | None) -> dt.date:
    """A self rating on or before this day is too old to compare: more than EVIDENCE_DAYS
    before the newest mentor rating (a view from two years ago is not today's)."""
    newest = view.newest if view is not None else latest_mentor
    if newest is None:
        return dt.date.min
    return newest.rated_on - dt.timedelta(days=EVIDENCE_DAYS)


def raters_text(view: MentorView) -> str:
    """ "Ms Okafor", "Ms Okafor and Mr Lee", "3 mentors": who the view is from."""
    names = [r.rater.strip() or "a mentor" for r in view.latest]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{len(names)} mentors"


def mean_text(value: float) -> str:
    """A mean as people write it: "2", "2.5", "2.3"."""
    return f"{value:.1f}".removesuffix(".0")
