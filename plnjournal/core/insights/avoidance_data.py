"""The facts the avoidance model scores, read in a handful of aggregate queries.

Everything is read "as of" a date: entries, ratings, feedback, nudges and commitments dated
after it are ignored, so a score for a past date is what the app would have said that day.
No query runs per skill: each one groups or windows over all skills at once, which keeps
scoring 40 skills over 10 years of entries within its budget (``bench/avoidance.py``;
docs/performance.md, "The avoidance model and the insight charts").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from sqlalchemy import Date, String, and_, bindparam, cast, exists, func, or_, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from plnjournal.core.frameworks.spec import DEFAULT_CADENCE_DAYS
from plnjournal.core.insights.depth import is_descriptive
from plnjournal.storage.models import (
    Area,
    Commitment,
    Entry,
    EntryFeedback,
    EntrySkill,
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestSkill,
    Framework,
    Nudge,
    Rating,
    ScaleLevel,
    Skill,
)
from plnjournal.values import CommitmentState, NudgeAction, RatingSource

# How far back "recent" looks: the fair-share window, nudges and dropped commitments.
WINDOW_DAYS = 90
# How many of a skill's latest reflections the comfort and depth checks read.
RECENT_REFLECTIONS = 5
# Cadence when neither the skill nor the framework sets one.
FALLBACK_CADENCE_DAYS = DEFAULT_CADENCE_DAYS

# A mentor comment is critical when it uses one of these words or phrases (whole words,
# case-insensitive). Listed in docs/avoidance.md.
CRITICAL_WORDS = (
    "not",
    "never",
    "still",
    "avoid",
    "avoids",
    "avoided",
    "avoiding",
    "reluctant",
    "concern",
    "concerned",
    "concerns",
    "worried",
    "worry",
    "struggle",
    "struggles",
    "struggling",
    "weak",
    "poor",
    "missed",
    "lacks",
    "lacking",
    "unclear",
    "tend to",
    "need to",
    "needs to",
    "must",
    "haven't",
    "hasn't",
    "didn't",
    "don't",
    "isn't",
    "wasn't",
)
_CRITICAL = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in CRITICAL_WORDS) + r")(?![\w'])"
)


def is_critical_comment(comment: str) -> bool:
    """A comment that asks for change (see ``CRITICAL_WORDS``)."""
    text = comment.replace("\u2019", "'").casefold()
    return bool(_CRITICAL.search(text))


@dataclass(frozen=True)
class Scale:
    """The framework's rating scale and its level labels."""

    low: int = 1
    high: int = 5
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def span(self) -> int:
        """The scale's width (at least 1), so a fraction of it never divides by zero."""
        return max(1, self.high - self.low)

    def label(self, level: int) -> str:
        """The framework's name for ``level``, or the number when it has none."""
        return self.labels.get(level, str(level))


@dataclass(frozen=True)
class RatingFact:
    level: int
    rated_on: dt.date
    rater: str = ""


@dataclass(frozen=True)
class MentorNote:
    """A feedback item that asks for an answer: a rating below target or a critical comment."""

    mentor: str
    given_on: dt.date
    level: int | None
    comment: str


@dataclass(frozen=True)
class ReflectionFact:
    entry_id: int
    entry_date: dt.date
    comfort: int | None
    descriptive: bool


@dataclass
class SkillFacts:
    """What the journal holds about one skill, as of the date the facts were read."""

    skill_id: int
    code: str
    name: str
    area: str
    target_level: int
    cadence_days: int
    cadence_source: str  # "skill", "framework" or "default"
    reflections_total: int = 0
    reflections_window: int = 0
    last_reflected: dt.date | None = None
    recent: list[ReflectionFact] = field(default_factory=list)  # newest first
    latest_self: RatingFact | None = None
    latest_mentor: RatingFact | None = None
    unanswered: list[MentorNote] = field(default_factory=list)  # newest first
    dismissed: int = 0
    snoozed: int = 0
    snoozed_until: dt.date | None = None
    overdue_due: list[dt.date] = field(default_factory=list)  # due dates, oldest first
    dropped: int = 0
    last_feedback: dt.date | None = None  # asked for or received


@dataclass
class JournalFacts:
    as_of: dt.date
    scale: Scale
    first_entry: dt.date | None
    links_window: int  # skill links of reflections in the window, over all active skills
    skills: list[SkillFacts]
    window_days: int = WINDOW_DAYS


class _Queries:
    """Every statement, built once with bind parameters: building and cache-keying a
    statement costs more than running most of these."""

    def __init__(self, include_private: bool) -> None:
        as_of = bindparam("as_of", type_=Date)
        window = bindparam("window_start", type_=Date)
        # A progress report without private reflections scores as if they did not exist. The
        # filters are left out entirely otherwise: even a constant "OR" in the link query
        # costs its covering index (every link would read its entry's row).
        private_ids = select(Entry.id).where(Entry.private.is_(True))
        everything = true()
        shown = everything if include_private else Entry.private.is_(False)
        rating_shown = (
            everything
            if include_private
            else or_(Rating.entry_id.is_(None), Rating.entry_id.not_in(private_ids))
        )
        commitment_shown = (
            everything
            if include_private
            else or_(Commitment.entry_id.is_(None), Commitment.entry_id.not_in(private_ids))
        )
        self.framework = (
            select(Framework.id, Framework.default_cadence_days)
            .where(Framework.active.is_(True))
            .order_by(Framework.id.desc())
            .limit(1)
        )
        self.levels = (
            select(ScaleLevel.level, ScaleLevel.label)
            .where(ScaleLevel.framework_id == bindparam("fw_id"))
            .order_by(ScaleLevel.level)
        )
        self.skills = (
            select(
                Skill.id, Skill.code, Skill.name, Area.name, Skill.target_level, Skill.cadence_days
            )
            .join(Area, Area.id == Skill.area_id)
            .where(
                Skill.framework_id == bindparam("fw_id"),
                Skill.archived.is_(False),
                Area.archived.is_(False),
            )
            .order_by(Area.position, Area.id, Skill.position, Skill.id)
        )
        self.first_entry = select(func.min(Entry.entry_date)).where(
            Entry.entry_date <= as_of, shown
        )
        # The hottest query (every link of ten years): dates come back as ISO text, compared
        # as text and parsed once per skill, the cheaper way (docs/performance.md, "The
        # avoidance model and the insight charts").
        self.links = (
            select(EntrySkill.skill_id, EntrySkill.entry_id, cast(Entry.entry_date, String))
            .join(Entry, Entry.id == EntrySkill.entry_id)
            .where(Entry.entry_date <= as_of, shown)
            .order_by(Entry.entry_date.desc(), Entry.entry_time.desc(), Entry.id.desc())
        )
        committed = (
            exists()
            .where(Commitment.entry_id == Entry.id, Commitment.created_on <= as_of)
            .label("committed")
        )
        self.recent = select(
            Entry.id, Entry.entry_date, Entry.comfort, Entry.title, Entry.body, committed
        ).where(Entry.id.in_(bindparam("ids", expanding=True)))
        latest = (
            select(
                Rating.skill_id.label("skill_id"),
                Rating.source.label("source"),
                func.max(Rating.rated_on).label("day"),
            )
            .where(Rating.rated_on <= as_of, rating_shown)
            .group_by(Rating.skill_id, Rating.source)
            .subquery()
        )
        self.ratings = (
            select(Rating.skill_id, Rating.source, Rating.level, Rating.rated_on, Rating.rater)
            .join(
                latest,
                and_(
                    latest.c.skill_id == Rating.skill_id,
                    latest.c.source == Rating.source,
                    latest.c.day == Rating.rated_on,
                ),
            )
            .where(rating_shown)
            .order_by(Rating.id)  # the last one stored wins a same-day tie
        )
        answered = exists().where(
            EntryFeedback.feedback_item_id == FeedbackItem.id,
            Entry.id == EntryFeedback.entry_id,
            Entry.entry_date <= as_of,
            shown,
        )
        self.unanswered = (
            select(
                FeedbackItem.skill_id,
                FeedbackItem.mentor,
                FeedbackItem.given_on,
                FeedbackItem.level,
                FeedbackItem.comment,
            )
            .where(
                FeedbackItem.given_on <= as_of,
                or_(
                    FeedbackItem.given_on > bindparam("cutoff", type_=Date),
                    FeedbackItem.skill_id.in_(bindparam("never", expanding=True)),
                ),
                ~answered,
            )
            .order_by(FeedbackItem.given_on.desc(), FeedbackItem.id.desc())
        )
        self.nudges = (
            select(Nudge.skill_id, Nudge.action, func.count(), func.max(Nudge.snooze_until))
            .where(
                Nudge.shown_on <= as_of,
                Nudge.shown_on > window,
                Nudge.action.in_((NudgeAction.DISMISSED, NudgeAction.SNOOZED)),
            )
            .group_by(Nudge.skill_id, Nudge.action)
        )
        # Done or dropped after the date means it was still open on it.
        open_then = or_(Commitment.state == CommitmentState.OPEN, Commitment.closed_on > as_of)
        overdue = and_(Commitment.due_on < as_of, open_then)
        dropped = and_(
            Commitment.state == CommitmentState.DROPPED,
            Commitment.closed_on <= as_of,
            Commitment.closed_on > window,
        )
        self.commitments = (
            select(Commitment.skill_id, Commitment.due_on, overdue.label("overdue"))
            .where(
                Commitment.skill_id.is_not(None),
                Commitment.created_on <= as_of,
                commitment_shown,
                or_(overdue, dropped),
            )
            .order_by(Commitment.due_on, Commitment.id)
        )
        self.asked = (
            select(FeedbackRequestSkill.skill_id, func.max(FeedbackRequest.requested_on))
            .join(FeedbackRequest, FeedbackRequest.id == FeedbackRequestSkill.request_id)
            .where(FeedbackRequest.requested_on <= as_of)
            .group_by(FeedbackRequestSkill.skill_id)
        )
        self.received = (
            select(FeedbackItem.skill_id, func.max(FeedbackItem.given_on))
            .where(FeedbackItem.given_on <= as_of)
            .group_by(FeedbackItem.skill_id)
        )


@functools.cache
def _queries(include_private: bool = True) -> _Queries:
    return _Queries(include_private)


def load_facts(session: Session, as_of: dt.date, *, include_private: bool = True) -> JournalFacts:
    """Read every fact the model needs for the active framework's non-archived skills
    (without private reflections, their ratings and commitments when ``include_private`` is
    False: the progress report's view)."""
    q = _queries(include_private)
    conn = session.connection()
    fw_row = conn.execute(q.framework).first()
    if fw_row is None:
        return JournalFacts(as_of, Scale(), None, 0, [])
    fw_id, fw_cadence = fw_row
    levels = conn.execute(q.levels, {"fw_id": fw_id}).all()
    scale = (
        Scale(levels[0][0], levels[-1][0], {lv: label for lv, label in levels})
        if levels
        else Scale()
    )
    skills: dict[int, SkillFacts] = {}
    for sid, code, name, area, target, cadence in conn.execute(q.skills, {"fw_id": fw_id}).all():
        source = "skill" if cadence else ("framework" if fw_cadence else "default")
        skills[sid] = SkillFacts(
            sid, code, name, area, target, cadence or fw_cadence or FALLBACK_CADENCE_DAYS, source
        )
    params: Params = {"as_of": as_of, "window_start": as_of - dt.timedelta(days=WINDOW_DAYS)}
    first_entry = conn.execute(q.first_entry, params).scalar()
    links_window = _read_reflections(conn, q, skills, params)
    _read_ratings(conn, q, skills, params)
    _read_unanswered(conn, q, skills, params)
    _read_nudges(conn, q, skills, params)
    _read_commitments(conn, q, skills, params)
    _read_last_feedback(conn, q, skills, params)
    return JournalFacts(as_of, scale, first_entry, links_window, list(skills.values()))


Skills = dict[int, SkillFacts]
# The bind parameters every read shares: the as-of date and the window's first day.
Params = dict[str, dt.date]


def _read_reflections(conn: Connection, q: _Queries, skills: Skills, params: Params) -> int:
    """One pass over every skill link, newest first: totals, the window's count, the last
    date and the ids of each skill's latest few reflections; then those reflections."""
    links_window = 0
    recent_ids: dict[int, list[int]] = {}
    window_text = params["window_start"].isoformat()
    for sid, eid, day in conn.execute(q.links, params).all():
        facts = skills.get(sid)
        if facts is None:  # archived, or another framework's skill
            continue
        if facts.last_reflected is None:
            facts.last_reflected = dt.date.fromisoformat(day)
        facts.reflections_total += 1
        if day > window_text:
            facts.reflections_window += 1
            links_window += 1
        ids = recent_ids.setdefault(sid, [])
        if len(ids) < RECENT_REFLECTIONS:
            ids.append(eid)
    wanted = sorted({eid for ids in recent_ids.values() for eid in ids})
    if wanted:
        found = {
            eid: (day, comfort, is_descriptive(title or "", body or "", has_commitment=bool(c)))
            for eid, day, comfort, title, body, c in conn.execute(
                q.recent, {**params, "ids": wanted}
            ).all()
        }
        for sid, ids in recent_ids.items():
            skills[sid].recent = [ReflectionFact(e, *found[e]) for e in ids if e in found]
    return links_window


def _read_ratings(conn: Connection, q: _Queries, skills: Skills, params: Params) -> None:
    """The latest self and mentor rating per skill: the ratings on each one's latest date."""
    for sid, source, level, rated_on, rater in conn.execute(q.ratings, params).all():
        facts = skills.get(sid)
        if facts is None:
            continue
        fact = RatingFact(level, rated_on, rater or "")
        if source == RatingSource.MENTOR:
            facts.latest_mentor = fact
        else:
            facts.latest_self = fact


def _read_unanswered(conn: Connection, q: _Queries, skills: Skills, params: Params) -> None:
    """Feedback items after the skill's last reflection that no reflection answers."""
    if not skills:
        return
    never = [s.skill_id for s in skills.values() if s.last_reflected is None]
    reflected = [s.last_reflected for s in skills.values() if s.last_reflected is not None]
    # SQL narrows to items newer than the oldest "last reflection" (or on never-reflected
    # skills); the exact per-skill comparison is done here.
    cutoff = min(reflected) if reflected else params["as_of"]
    rows = conn.execute(q.unanswered, {**params, "cutoff": cutoff, "never": never}).all()
    for sid, mentor, given_on, level, comment in rows:
        facts = skills.get(sid)
        if facts is None or (facts.last_reflected and given_on <= facts.last_reflected):
            continue
        low = level is not None and level < facts.target_level
        if low or is_critical_comment(comment or ""):
            facts.unanswered.append(MentorNote(mentor or "", given_on, level, comment or ""))


def _read_nudges(conn: Connection, q: _Queries, skills: Skills, params: Params) -> None:
    for sid, action, count, until in conn.execute(q.nudges, params).all():
        facts = skills.get(sid)
        if facts is None:
            continue
        if action == NudgeAction.DISMISSED:
            facts.dismissed = count
        else:
            facts.snoozed = count
            if until is not None and until > params["as_of"]:
                facts.snoozed_until = until


def _read_commitments(conn: Connection, q: _Queries, skills: Skills, params: Params) -> None:
    """Commitments overdue as of the date (still open then), and those dropped recently."""
    for sid, due_on, is_overdue in conn.execute(q.commitments, params).all():
        facts = skills.get(sid) if sid is not None else None  # the query leaves out None
        if facts is None:
            continue
        if is_overdue:
            assert due_on is not None  # overdue: past a due date it has
            facts.overdue_due.append(due_on)
        else:
            facts.dropped += 1


def _read_last_feedback(conn: Connection, q: _Queries, skills: Skills, params: Params) -> None:
    """The last time feedback on each skill was asked for (a request) or received (an item)."""
    for stmt in (q.asked, q.received):
        for sid, day in conn.execute(stmt, params).all():
            facts = skills.get(sid)
            if facts is None or day is None:
                continue
            if facts.last_feedback is None or day > facts.last_feedback:
                facts.last_feedback = day
