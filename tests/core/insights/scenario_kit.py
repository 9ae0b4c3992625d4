"""Building small journals the way a trainee and their mentors would fill them, for the
avoidance scenarios: a framework, reflections on chosen days, ratings and feedback items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plnjournal.core.feedback.items import add_feedback_item
from plnjournal.core.frameworks.spec import AreaSpec, FrameworkSpec, SkillSpec, install_framework
from plnjournal.core.journal.entries import add_entry
from plnjournal.storage.models import EntryFeedback, FeedbackImport, FeedbackItem, Rating, Skill
from plnjournal.values import RatingOrigin, RatingSource

AS_OF = dt.date(2026, 11, 28)


def days(start: dt.date, end: dt.date, step: int = 1) -> Iterator[dt.date]:
    """Every ``step``-th day from ``start`` to ``end``, both included."""
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=step)


def ago(n: int) -> dt.date:
    """The day ``n`` days before the as-of date."""
    return AS_OF - dt.timedelta(days=n)


@dataclass
class Journal:
    """A journal under construction: skills by code and a few shortcuts to fill it."""

    session: Session
    skills: dict[str, Skill] = field(default_factory=dict)
    items: list[FeedbackItem] = field(default_factory=list)  # every feedback item, in order

    def skill(self, code: str) -> Skill:
        return self.skills[code]

    def write(
        self,
        on: dt.date | Iterable[dt.date],
        codes: str | Iterable[str],
        body: str,
        *,
        title: str = "",
        comfort: int | None = 3,
        rating: int | None = None,
    ) -> list[int]:
        """Reflections on each day, linked to the skills (with a self rating if given)."""
        dates = [on] if isinstance(on, dt.date) else list(on)
        linked = [codes] if isinstance(codes, str) else list(codes)
        ids = []
        for day in dates:
            entry = add_entry(
                self.session,
                entry_date=day,
                title=title,
                body=body,
                comfort=comfort,
                skills={self.skills[c].id: rating for c in linked},
            )
            ids.append(entry.id)
        return ids

    def rate_self(self, code: str, level: int, on: dt.date) -> None:
        """A self-assessment rating."""
        self.session.add(
            Rating(
                skill_id=self.skills[code].id,
                level=level,
                rated_on=on,
                source=RatingSource.SELF,
                origin=RatingOrigin.SELF_ASSESSMENT,
            )
        )
        self.session.flush()

    def feedback(
        self,
        code: str,
        on: dt.date,
        level: int | None,
        comment: str = "",
        mentor: str = "Ms Okafor",
    ) -> FeedbackItem:
        """A mentor's feedback item (and its rating), as an imported file brings it."""
        imp = FeedbackImport(file_name=f"fb-{on}-{code}.csv", sha256="0" * 64, format="csv")
        self.session.add(imp)
        item = add_feedback_item(
            self.session,
            imp,
            skill=self.skills[code],
            mentor=mentor,
            given_on=on,
            level=level,
            comment=comment,
            line=2,
            raw={},
        )
        self.items.append(item)
        return item

    def answer(self, item: FeedbackItem, on: dt.date, body: str) -> None:
        """A reflection linked to the item: the trainee's answer to it."""
        code = next(c for c, s in self.skills.items() if s.id == item.skill_id)
        (entry_id,) = self.write(on, code, body, title="Answering feedback")
        self.session.add(EntryFeedback(entry_id=entry_id, feedback_item_id=item.id))
        self.session.flush()


def framework(
    session: Session,
    skills: Iterable[tuple[str, str, int | None]],
    *,
    default_cadence: int | None = 14,
    target: int = 3,
) -> Journal:
    """A one-area framework of ``(code, name, cadence)`` skills on a 1–5 scale."""
    spec = FrameworkSpec(
        name="Scenario practice",
        default_cadence_days=default_cadence,
        areas=[
            AreaSpec(
                "Practice",
                skills=[
                    SkillSpec(code, name, target_level=target, cadence_days=cadence)
                    for code, name, cadence in skills
                ],
            )
        ],
    )
    install_framework(session, spec)
    return Journal(session, {s.code: s for s in session.query(Skill)})
