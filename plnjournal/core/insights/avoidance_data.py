"""The facts the avoidance model scores, read in a handful of aggregate queries.

Everything is read "as of" a date: entries, ratings, feedback, nudges and commitments dated
after it are ignored, so a score for a past date is what the app would have said that day.
No query runs per skill: each one groups or windows over all skills at once, which keeps
scoring 40 skills over 10 years of entries within its budget (``bench/avoidance.py``;
docs/performance.md, "The avoidance model and the insight charts").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from plnjournal.core.feedback.critical import read_comment
from plnjournal.core.insights.avoidance_queries import EVIDENCE_DAYS, Queries, queries
from plnjournal.core.insights.depth import grade_reflection
from plnjournal.core.journal.settings import journal_language
from plnjournal.core.skills.evidence import RatingFact
from plnjournal.core.skills.terms import SkillMatcher, SkillTerms, parse_keywords
from plnjournal.values import DepthLevel, NudgeAction, RatingSource

__all__ = [
    "JournalFacts",
    "MentorNote",
    "RatingFact",
    "ReflectionFact",
    "Scale",
    "SkillFacts",
    "load_facts",
]

# How far back "recent" looks: the cadence window, nudges and dropped commitments.
WINDOW_DAYS = 90
# How many of a skill's latest reflections the comfort and depth checks read.
RECENT_REFLECTIONS = 5


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
class MentorNote:
    """A feedback item that asks for an answer: a rating below target or a critical comment."""

    item_id: int
    mentor: str
    given_on: dt.date
    level: int | None
    comment: str
    low: bool  # the rating is below the skill's target (the stronger signal)
    cues: tuple[str, ...] = ()  # the comment's words that asked for change


@dataclass(frozen=True)
class ReflectionFact:
    entry_id: int
    entry_date: dt.date
    comfort: int | None
    depth: DepthLevel
    discussed: bool  # the text touches the skill (docs/avoidance.md)


@dataclass
class SkillFacts:
    """What the journal holds about one skill, as of the date the facts were read."""

    skill_id: int
    code: str
    name: str
    area: str
    target_level: int
    cadence_days: int | None  # None: no cadence, never overdue
    cadence_source: str  # "skill", "framework" or "" (none)
    reflections_total: int = 0
    reflections_window: int = 0  # links in the window
    discussed_window: int = 0  # of those, reflections whose text touches the skill
    last_reflected: dt.date | None = None  # the latest linked reflection
    last_discussed: dt.date | None = None  # the latest linked reflection that discusses it
    # The oldest linked reflection whose text was read: when none of those discusses the
    # skill, it has not been discussed since at least this day.
    checked_back_to: dt.date | None = None
    recent: list[ReflectionFact] = field(default_factory=list)  # newest first
    latest_self: RatingFact | None = None
    latest_mentor: RatingFact | None = None
    mentor_recent: list[RatingFact] = field(default_factory=list)  # oldest first
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
    skills: list[SkillFacts]
    window_days: int = WINDOW_DAYS

    @property
    def journal_days(self) -> int:
        """Days from the first entry to the as-of date (0 for an empty journal)."""
        return (self.as_of - self.first_entry).days if self.first_entry else 0

    @property
    def getting_started(self) -> bool:
        """The journal is younger than the longest cadence: some skills could not have been
        reached yet, so the front ends say "getting started" instead of ranking them."""
        cadences = [s.cadence_days for s in self.skills if s.cadence_days]
        return bool(cadences) and self.journal_days < max(cadences)


def load_facts(session: Session, as_of: dt.date, *, include_private: bool = True) -> JournalFacts:
    """Read every fact the model needs for the active framework's non-archived skills
    (without private reflections, their ratings and commitments when ``include_private`` is
    False: the progress report's view)."""
    q = queries(include_private)
    session.flush()  # the reads below go through the connection, past the ORM's autoflush
    conn = session.connection()
    fw_row = conn.execute(q.framework).first()
    if fw_row is None:
        return JournalFacts(as_of, Scale(), None, [])
    fw_id, fw_cadence = fw_row
    levels = conn.execute(q.levels, {"fw_id": fw_id}).all()
    scale = (
        Scale(levels[0][0], levels[-1][0], {lv: label for lv, label in levels})
        if levels
        else Scale()
    )
    skills: dict[int, SkillFacts] = {}
    words: dict[int, tuple[str, str, str, list[str]]] = {}  # code, name, keywords, texts
    rows = conn.execute(q.skills, {"fw_id": fw_id}).all()
    for sid, code, name, area, target, cadence, keywords, description in rows:
        # No cadence on the skill or the framework means none at all (docs/frameworks.md).
        source = "skill" if cadence else ("framework" if fw_cadence else "")
        skills[sid] = SkillFacts(sid, code, name, area, target, cadence or fw_cadence, source)
        words[sid] = (code, name, keywords or "", [description] if description else [])
    for sid, text in conn.execute(q.descriptors, {"fw_id": fw_id}).all():
        if sid in words:
            words[sid][3].append(text)
    language = journal_language(session)  # None: each text's own, detected
    matcher = SkillMatcher(
        (
            SkillTerms(sid, code, name, tuple(texts), parse_keywords(keywords))
            for sid, (code, name, keywords, texts) in words.items()
        ),
        language,
    )
    params: Params = {
        "as_of": as_of,
        "window_start": as_of - dt.timedelta(days=WINDOW_DAYS),
        "evidence_start": as_of - dt.timedelta(days=EVIDENCE_DAYS),
    }
    first_entry = conn.execute(q.first_entry, params).scalar()
    _read_reflections(conn, q, skills, matcher, language, params)
    _read_ratings(conn, q, skills, params)
    _read_unanswered(conn, q, skills, language, params)
    _read_nudges(conn, q, skills, params)
    _read_commitments(conn, q, skills, params)
    _read_last_feedback(conn, q, skills, params)
    return JournalFacts(as_of, scale, first_entry, list(skills.values()))


Skills = dict[int, SkillFacts]
# The bind parameters every read shares: the as-of date and the windows' first days.
Params = dict[str, dt.date]


def _read_reflections(
    conn: Connection,
    q: Queries,
    skills: Skills,
    matcher: SkillMatcher,
    language: str | None,
    params: Params,
) -> None:
    """One pass over every skill link, newest first: totals, the window's links, the last
    date and the ids of each skill's latest few reflections; then the text of those and of
    the window's reflections, read once each: how deep each goes and which skills it
    discusses."""
    window_ids: dict[int, list[int]] = {}
    recent_ids: dict[int, list[int]] = {}
    dates: dict[int, str] = {}
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
            window_ids.setdefault(sid, []).append(eid)
            dates[eid] = day
        ids = recent_ids.setdefault(sid, [])
        if len(ids) < RECENT_REFLECTIONS:
            ids.append(eid)
            dates[eid] = day
    wanted = sorted(dates)
    if not wanted:
        return
    found: dict[int, tuple[dt.date, int | None, DepthLevel, frozenset[int]]] = {}
    for eid, written_on, comfort, title, body, committed in conn.execute(
        q.texts, {**params, "ids": wanted}
    ).all():
        text = f"{title or ''}\n{body or ''}"
        grade = grade_reflection(
            title or "", body or "", language=language, has_commitment=bool(committed)
        )
        found[eid] = (written_on, comfort, grade.level, matcher.discussed(text))
    for sid, facts in skills.items():
        checked = [*window_ids.get(sid, ()), *recent_ids.get(sid, ())]
        for eid in checked:  # newest first
            if eid in found and sid in found[eid][3]:
                facts.last_discussed = found[eid][0]
                break
        if checked:
            facts.checked_back_to = dt.date.fromisoformat(min(dates[e] for e in checked))
        facts.discussed_window = sum(
            1 for e in window_ids.get(sid, ()) if e in found and sid in found[e][3]
        )
        facts.recent = [
            ReflectionFact(e, found[e][0], found[e][1], found[e][2], sid in found[e][3])
            for e in recent_ids.get(sid, ())
            if e in found
        ]


def _read_ratings(conn: Connection, q: Queries, skills: Skills, params: Params) -> None:
    """The latest self and mentor rating per skill (the ratings on each one's latest date),
    and the mentor ratings of the evidence window."""
    for sid, source, level, rated_on, rater in conn.execute(q.ratings, params).all():
        facts = skills.get(sid)
        if facts is None:
            continue
        fact = RatingFact(level, rated_on, rater or "")
        if source == RatingSource.MENTOR:
            facts.latest_mentor = fact
        else:
            facts.latest_self = fact
    for sid, level, rated_on, rater in conn.execute(q.mentor_recent, params).all():
        facts = skills.get(sid)
        if facts is not None:
            facts.mentor_recent.append(RatingFact(level, rated_on, rater or ""))


def _read_unanswered(
    conn: Connection, q: Queries, skills: Skills, language: str | None, params: Params
) -> None:
    """Feedback items that ask for an answer (a rating below target, or a critical comment
    not marked as praise) and that no reflection is linked to."""
    for sid, item_id, mentor, given_on, level, comment, praise in conn.execute(
        q.unanswered, params
    ).all():
        facts = skills.get(sid)
        if facts is None:
            continue
        low = level is not None and level < facts.target_level
        # The feedback inbox's rule (core/feedback/critical.py), so the two never disagree.
        reading = read_comment(comment or "", language)
        if low or (reading.critical and not praise):
            cues = () if praise else reading.cues
            facts.unanswered.append(
                MentorNote(item_id, mentor or "", given_on, level, comment or "", low, cues)
            )


def _read_nudges(conn: Connection, q: Queries, skills: Skills, params: Params) -> None:
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


def _read_commitments(conn: Connection, q: Queries, skills: Skills, params: Params) -> None:
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


def _read_last_feedback(conn: Connection, q: Queries, skills: Skills, params: Params) -> None:
    """The last time feedback on each skill was asked for (a request) or received (an item)."""
    for stmt in (q.asked, q.received):
        for sid, day in conn.execute(stmt, params).all():
            facts = skills.get(sid)
            if facts is None or day is None:
                continue
            if facts.last_feedback is None or day > facts.last_feedback:
                facts.last_feedback = day
