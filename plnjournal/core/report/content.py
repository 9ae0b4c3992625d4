"""What a progress report says, for a period: plain data gathered from the journal, Qt-free.

The PDF (``report_pdf/writer.py``), the export dialog's preview and the JSON attachment all read
this one ``Report``, so they cannot disagree. Privacy is applied where the data is read:
every query that touches reflections leaves out private ones unless ``include_private`` is
set, so nothing downstream can leak them by mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.dates import longest_streak
from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.insights.avoidance import SkillScore, avoidance_scores
from plnjournal.core.insights.depth import grade_reflection
from plnjournal.core.insights.prompts import question_for
from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE, get_setting, journal_language
from plnjournal.core.render import markdown_to_html
from plnjournal.core.report import queries as q
from plnjournal.core.report.chart_data import ChartData, chart_data, report_names_in_score
from plnjournal.core.report.names import MentorNames
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import InputError
from plnjournal.storage.models import Commitment, Entry, EntrySkill, Skill
from plnjournal.values import Band

ProgressFn = Callable[[int, int, str], None]

# Sections in the order they appear; the export dialog lets the user leave some out.
SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "matrix": "Skills matrix",
    "avoidance": "What was avoided, and why",
    "charts": "Charts",
    "feedback": "Mentor feedback and my responses",
    "commitments": "Commitments and their outcomes",
    "reflections": "Selected reflections",
}
DEFAULT_MONTHS = 3
# "What was avoided": the highest-scored skills in the act-now and watch bands, at most this
# many (docs/avoidance.md, "Bands").
AVOIDED_MAX = 6
# With no highlight marked, the report shows this many of the period's deepest reflections.
DEEPEST_MAX = 3
DEEPEST_ON_AVOIDED = (
    "No highlights were marked; these are the deepest reflections of the period on the "
    "skills you avoid."
)
DEEPEST_OF_PERIOD = "No highlights were marked; these are the deepest reflections of the period."


@dataclass(frozen=True)
class ReportOptions:
    """What to put in a report. ``entry_ids`` None means "the reflections marked highlight",
    or, with none marked, the deepest of the period (``Report.reflections_note`` says so)."""

    start: dt.date
    end: dt.date
    include_private: bool = False
    anonymize_mentors: bool = False
    entry_ids: tuple[int, ...] | None = None
    sections: tuple[str, ...] = tuple(SECTIONS)
    generated_on: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError(
                f"period: the end ({self.end.isoformat()}) is before the start "
                f"({self.start.isoformat()})"
            )
        unknown = set(self.sections) - set(SECTIONS)
        if unknown:
            raise InputError(
                f"sections: unknown {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}"
            )


@dataclass(frozen=True)
class Cover:
    name: str
    role: str
    framework: str
    start: dt.date
    end: dt.date
    generated_on: dt.date
    scale: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Summary:
    reflections: int
    days_journaled: int
    longest_streak: int
    skills_reflected_on: int
    skills_total: int
    commitments_kept: int
    commitments_overdue: int
    commitments_dropped: int
    commitments_open: int
    feedback_received: int
    feedback_answered: int


@dataclass(frozen=True)
class Reflection:
    entry_id: int
    entry_date: dt.date
    title: str
    body_html: str
    skills: tuple[tuple[str, str], ...]  # (code, name)
    private: bool


@dataclass(frozen=True)
class Avoided:
    """A skill's avoidance score as of the end of the period, with the model's own reasons."""

    code: str
    skill: str
    area: str
    score: int
    reasons: tuple[str, ...]
    signals: dict[str, dict[str, Any]]  # name -> weight, strength, points, reason
    last_reflected: dt.date | None
    band: Band = Band.FINE
    good_news: tuple[str, ...] = ()
    getting_started: bool = False
    # For a skill to act on now: the question its strongest reason asks (the next step).
    next_question: str = ""


@dataclass
class Report:
    options: ReportOptions
    cover: Cover
    summary: Summary
    matrix: list[q.MatrixLine]
    feedback: list[q.FeedbackLine]
    commitments: list[q.CommitmentLine]
    reflections: list[Reflection]
    ratings: list[q.RatingLine] = field(default_factory=list)
    avoidance: list[Avoided] = field(default_factory=list)  # every skill, highest first
    charts: ChartData | None = None  # what the charts draw, when the report has them
    # How the reflections were chosen when it was not by the user (none marked: the deepest).
    reflections_note: str = ""
    scale_min: int = 1
    scale_max: int = 5

    def has(self, section: str) -> bool:
        """Whether the user kept ``section`` in (the export dialog lets them leave some out)."""
        return section in self.options.sections

    @property
    def avoided(self) -> list[Avoided]:
        """The skills the report names as avoided: the act-now and watch bands, highest
        first, at most AVOIDED_MAX."""
        return [a for a in self.avoidance if a.band != Band.FINE][:AVOIDED_MAX]


def default_period(
    session: Session, *, include_private: bool = False, months: int = DEFAULT_MONTHS
) -> tuple[dt.date, dt.date]:
    """The last ``months`` months of the journal: ending on the latest reflection's date."""
    stmt = select(Entry.entry_date).order_by(Entry.entry_date.desc()).limit(1)
    if not include_private:
        stmt = stmt.where(Entry.private.is_(False))
    end = session.scalar(stmt) or dt.date.today()
    return months_before(end, months), end


def resolve_period(
    session: Session,
    start: dt.date | None,
    end: dt.date | None,
    *,
    include_private: bool = False,
) -> tuple[dt.date, dt.date]:
    """The period from what the user gave: both dates as given; only ``end``: the 3 months
    up to it; only ``start``: up to the latest reflection (or today); neither: the default.
    A period that starts after today has nothing to report yet: an InputError."""
    today = dt.date.today()
    if start is not None and start > today:
        raise InputError(
            f"the period starts on {start.isoformat()}, after today ({today.isoformat()}): "
            "there is nothing to report yet; choose a period that has begun"
        )
    if start is not None and end is not None:
        return start, end
    if end is not None:
        return months_before(end, DEFAULT_MONTHS), end
    default_start, default_end = default_period(session, include_private=include_private)
    if start is None:
        return default_start, default_end
    return start, default_end if default_end >= start else max(start, dt.date.today())


def months_before(end: dt.date, months: int) -> dt.date:
    """The first day of the ``months``-month period ending on ``end``: whole calendar months
    when ``end`` is a month's last day (30 Jun -> 1 Apr), else the day after the same date
    ``months`` earlier (28 Nov -> 29 Aug)."""
    index = end.year * 12 + end.month - 1 - months
    if (end + dt.timedelta(days=1)).day == 1:
        index += 1
        return dt.date(index // 12, index % 12 + 1, 1)
    year, month = index // 12, index % 12 + 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(end.day, last_day)) + dt.timedelta(days=1)


def _setting(session: Session, key: str) -> str:
    value = get_setting(session, key, "")
    return value.strip() if isinstance(value, str) else ""


@paused_gc()
def build_report(
    session: Session, options: ReportOptions, progress: ProgressFn | None = None
) -> Report:
    """Gather everything the report shows for ``options``' period."""
    step = progress or (lambda done, total, message: None)
    fw = active_framework(session)
    if fw is None:
        raise InputError(
            "export-pdf: the journal has no skills framework yet; choose one before exporting"
        )
    names = MentorNames(q.mentors_in_order(session), anonymize=options.anonymize_mentors)
    visible = q.visible_entries(options.include_private)
    start, end = options.start, options.end
    step(0, 6, "Counting reflections…")
    days = q.entry_days(session, visible, start, end)
    matrix, skill_matrix = q.matrix_lines(session, visible, options.include_private, start, end)
    step(1, 6, "Reading mentor feedback…")
    feedback = q.feedback_lines(session, fw, visible, start, end, names)
    step(2, 6, "Reading commitments…")
    as_of = min(end, options.generated_on)
    commitments = q.commitment_lines(session, visible, start, end, as_of, names)
    step(3, 6, "Scoring what was avoided…")
    avoidance, scores = _avoidance(session, options, names)
    step(4, 6, "Reading reflections…")
    avoided = [a.code for a in avoidance if a.band != Band.FINE][:AVOIDED_MAX]
    reflections, reflections_note = _reflections(session, options, names, avoided)
    ratings = q.rating_lines(session, visible, start, end, names)
    charts = None
    if "charts" in options.sections:
        charts = chart_data(
            session,
            options.start,
            min(options.end, options.generated_on),
            include_private=options.include_private,
            names=names,
            scores=scores,
            skill_matrix=skill_matrix,
        )
    summary = Summary(
        reflections=q.count_entries(session, visible, start, end),
        days_journaled=len(days),
        longest_streak=longest_streak(days),
        skills_reflected_on=sum(1 for m in matrix if m.reflections),
        skills_total=len(matrix),
        commitments_kept=sum(1 for c in commitments if c.state == "done"),
        commitments_overdue=sum(1 for c in commitments if c.overdue),
        commitments_dropped=sum(1 for c in commitments if c.state == "dropped"),
        commitments_open=sum(1 for c in commitments if c.state == "open" and not c.overdue),
        feedback_received=len(feedback),
        feedback_answered=sum(1 for f in feedback if f.responses),
    )
    cover = Cover(
        name=_setting(session, OWNER_NAME),
        role=_setting(session, OWNER_ROLE),
        framework=fw.name,
        start=start,
        end=end,
        generated_on=options.generated_on,
        scale=tuple((lv.level, lv.label) for lv in fw.levels),
    )
    step(5, 6, "Report gathered")
    return Report(
        options=options,
        cover=cover,
        summary=summary,
        matrix=matrix,
        feedback=feedback,
        commitments=commitments,
        reflections=reflections,
        ratings=ratings,
        avoidance=avoidance,
        charts=charts,
        reflections_note=reflections_note,
        scale_min=fw.scale_min,
        scale_max=fw.scale_max,
    )


def _avoidance(
    session: Session, options: ReportOptions, names: MentorNames
) -> tuple[list[Avoided], list[SkillScore]]:
    """The avoidance model's scores as the journal stood at the end of the period (or today,
    for a period not yet over), with the same privacy as the rest of the report; and the
    model's own score objects, mentor names replaced, for the ranking chart."""
    as_of = min(options.end, options.generated_on)
    scores = [
        report_names_in_score(sc, names)
        for sc in avoidance_scores(session, as_of, include_private=options.include_private)
    ]
    out = []
    for sc in scores:
        data = sc.to_json()
        signals = {
            name: {**sig, "reason": names.text(sig["reason"]) if sig["reason"] else None}
            for name, sig in data["signals"].items()
        }
        out.append(
            Avoided(
                code=sc.code,
                skill=sc.skill,
                area=sc.area,
                score=sc.score,
                reasons=tuple(names.text(r) for r in sc.reasons),
                signals=signals,
                last_reflected=sc.last_reflected,
                band=sc.band,
                good_news=tuple(names.text(g) for g in sc.good_news),
                getting_started=sc.getting_started,
                next_question=question_for(sc) if sc.band == Band.ACT_NOW else "",
            )
        )
    return out, scores


def _reflections(
    session: Session, options: ReportOptions, names: MentorNames, avoided: list[str]
) -> tuple[list[Reflection], str]:
    """The highlighted reflections of the period, or the ones chosen by id (never a private
    one unless private reflections are included); with no highlight marked, the deepest of
    the period on the ``avoided`` skills (else of the whole period), and a note saying so."""
    stmt = select(Entry)
    in_period = (Entry.entry_date >= options.start, Entry.entry_date <= options.end)
    if options.entry_ids is None:
        stmt = stmt.where(Entry.highlight.is_(True), *in_period)
    else:
        stmt = stmt.where(Entry.id.in_(options.entry_ids))
    if not options.include_private:
        stmt = stmt.where(Entry.private.is_(False))
    entries = list(session.scalars(stmt.order_by(Entry.entry_date, Entry.entry_time, Entry.id)))
    note = ""
    if options.entry_ids is None and not entries:
        entries, note = _deepest(session, options, avoided)
    links = q.entry_skill_names(session, [e.id for e in entries])
    return [
        Reflection(
            entry_id=e.id,
            entry_date=e.entry_date,
            title=names.text(e.title),
            body_html=markdown_to_html(names.text(e.body)),
            skills=tuple(links.get(e.id, ())),
            private=e.private,
        )
        for e in entries
    ], note


def _deepest(
    session: Session, options: ReportOptions, avoided: list[str]
) -> tuple[list[Entry], str]:
    """The period's deepest reflections (docs/depth.md: the level, then the longer text) on
    the avoided skills, the most avoided first, one each while there are more skills than
    room (``DEEPEST_MAX``); or of the whole period when none is on them. In date order, with
    the sentence that says how they were chosen ("" when there are none)."""
    base = select(Entry).where(Entry.entry_date >= options.start, Entry.entry_date <= options.end)
    if not options.include_private:
        base = base.where(Entry.private.is_(False))
    tries = [(base, DEEPEST_OF_PERIOD)]
    if avoided:
        on_avoided = (
            base.join(EntrySkill, EntrySkill.entry_id == Entry.id)
            .join(Skill, Skill.id == EntrySkill.skill_id)
            .where(Skill.code.in_(avoided))
            .distinct()
        )
        tries.insert(0, (on_avoided, DEEPEST_ON_AVOIDED))
    found = ((list(session.scalars(stmt)), note) for stmt, note in tries)
    entries, note = next(((e, n) for e, n in found if e), ([], ""))
    if not entries:
        return [], ""
    committed = set(
        session.scalars(
            select(Commitment.entry_id).where(Commitment.entry_id.in_([e.id for e in entries]))
        )
    )
    language = journal_language(session)

    def depth(e: Entry) -> tuple[int, int]:
        grade = grade_reflection(
            e.title or "", e.body or "", language=language, has_commitment=e.id in committed
        )
        return int(grade.level), grade.words

    ranked = sorted(entries, key=depth, reverse=True)
    chosen: list[Entry] = []
    if note == DEEPEST_ON_AVOIDED:
        codes = q.entry_skill_names(session, [e.id for e in ranked])
        for code in avoided:
            pick = next(
                (
                    e
                    for e in ranked
                    if e not in chosen and any(c == code for c, _n in codes.get(e.id, ()))
                ),
                None,
            )
            if pick is not None and len(chosen) < DEEPEST_MAX:
                chosen.append(pick)
    chosen += [e for e in ranked if e not in chosen][: DEEPEST_MAX - len(chosen)]
    chosen.sort(key=lambda e: (e.entry_date, e.entry_time or dt.time(), e.id))
    return chosen, note


@dataclass(frozen=True)
class PeriodEntry:
    """One reflection as the export dialog lists it, to tick or untick."""

    entry_id: int
    entry_date: dt.date
    title: str
    private: bool
    highlight: bool


def period_entries(session: Session, start: dt.date, end: dt.date) -> list[PeriodEntry]:
    """Every reflection of the period, private ones included (the dialog marks them)."""
    rows = session.execute(
        select(Entry.id, Entry.entry_date, Entry.title, Entry.private, Entry.highlight)
        .where(Entry.entry_date >= start, Entry.entry_date <= end)
        .order_by(Entry.entry_date, Entry.entry_time, Entry.id)
    ).all()
    return [PeriodEntry(r[0], r[1], r[2] or "(untitled)", bool(r[3]), bool(r[4])) for r in rows]
