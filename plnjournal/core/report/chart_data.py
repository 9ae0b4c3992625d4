"""What the progress report's charts draw: the Insights view's data for the period, with the
report's privacy (no private reflections unless asked) and mentor names replaced if asked.

Qt-free and matplotlib-free: gathering this is part of building the report; drawing it is
``core/report/charts.py``'s job, once the page's width is known.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plnjournal.core.insights.avoidance import SkillScore
from plnjournal.core.insights.avoidance_data import RatingFact, Scale
from plnjournal.core.insights.chart_data import (
    journal_scale,
    journaling_days,
    rating_history,
    reflection_heatmap,
)
from plnjournal.core.insights.chart_values import Heatmap, RatingSeries
from plnjournal.core.report.names import MentorNames
from plnjournal.core.skills.matrix import SkillMatrix


@dataclass
class ChartData:
    start: dt.date
    end: dt.date  # the period's end, or today for a period not yet over
    scores: list[SkillScore]
    skill_matrix: SkillMatrix
    heatmap: Heatmap
    days: dict[dt.date, int]
    series: list[RatingSeries]
    scale: Scale
    notes: list[str] = field(default_factory=list)


def chart_data(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    include_private: bool,
    names: MentorNames,
    scores: list[SkillScore],
    skill_matrix: SkillMatrix,
) -> ChartData:
    """The Insights view's data for the report's period, with the report's privacy and,
    if asked, mentor names replaced: so the report's charts say no more than its text."""
    series = rating_history(session, start, end, include_private=include_private)
    if names.anonymize:
        series = [
            dataclasses.replace(
                s,
                self_ratings=list(s.self_ratings),
                mentor_ratings=[
                    dataclasses.replace(m, rater=names.name(m.rater), comment=names.text(m.comment))
                    for m in s.mentor_ratings
                ],
            )
            for s in series
        ]
        skill_matrix = _matrix_without_names(skill_matrix, names)
    return ChartData(
        start=start,
        end=end,
        scores=scores,
        skill_matrix=skill_matrix,
        heatmap=reflection_heatmap(session, start, end, include_private=include_private),
        days=journaling_days(session, start, end, include_private=include_private),
        series=series,
        scale=journal_scale(session),
    )


def _matrix_without_names(m: SkillMatrix, names: MentorNames) -> SkillMatrix:
    rows = []
    for row in m.rows:
        mentor = row.latest_mentor
        if mentor is not None:
            mentor = dataclasses.replace(mentor, rater=names.name(mentor.rater))
        rows.append(dataclasses.replace(row, latest_mentor=mentor))
    return dataclasses.replace(m, rows=rows)


def report_names_in_score(score: SkillScore, names: MentorNames) -> SkillScore:
    """A copy of an avoidance score whose every sentence has mentor names replaced (a no-op
    copy when names are kept)."""
    if not names.anonymize:
        return score

    def fact(f: RatingFact | None) -> RatingFact | None:
        return dataclasses.replace(f, rater=names.name(f.rater)) if f is not None else None

    return dataclasses.replace(
        score,
        reasons=[names.text(r) for r in score.reasons],
        good_news=[names.text(g) for g in score.good_news],
        signals=[
            dataclasses.replace(s, reason=names.text(s.reason) if s.reason else s.reason)
            for s in score.signals
        ],
        self_rating=fact(score.self_rating),
        mentor_rating=fact(score.mentor_rating),
        unanswered=[
            dataclasses.replace(n, mentor=names.name(n.mentor), comment=names.text(n.comment))
            for n in score.unanswered
        ],
    )
