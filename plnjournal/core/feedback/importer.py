"""Importing mentor feedback: validate every file completely, then write all of it or nothing.

``plan_import`` reads and checks (no writes); ``apply_import`` writes a plan in one
transaction after a backup; ``import_feedback`` does both for the CLI. An item already in the
journal (same fingerprint) is counted as a duplicate and never stored twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plnjournal.core.feedback.dates import DateProblem, parse_feedback_date
from plnjournal.core.feedback.formats import parse_file
from plnjournal.core.feedback.items import (
    NewFeedbackItem,
    add_feedback_items,
    feedback_fingerprint,
    known_fingerprints,
)
from plnjournal.core.feedback.schema import (
    LevelProblem,
    ParsedFile,
    RawItem,
    SkillIndex,
    SkillRef,
    norm,
)
from plnjournal.core.feedback.text import DEFAULT_MAX_BYTES, FileProblem, check_size
from plnjournal.core.gc_pause import paused_gc
from plnjournal.core.skills.lookup import active_framework, unknown_skill_message
from plnjournal.errors import PlnError, Problem
from plnjournal.storage.backup import make_backup
from plnjournal.storage.models import Area, FeedbackImport, Framework, ScaleLevel, Skill

Progress = Callable[[int, int, str], None]
IMPORTED_AREA = "Imported"


@dataclass
class ImportOptions:
    """What the user chose: column mapping, a date format, whether to add unknown skills."""

    mapping: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    create_missing_skills: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    today: dt.date | None = None


@dataclass
class Source:
    """One file to import: its name, and its bytes or why they could not be read."""

    name: str
    data: bytes | None = None
    problem: str | None = None
    path: Path | None = None


@dataclass(slots=True)
class PlannedItem(NewFeedbackItem):
    """One validated feedback item, ready to write (``skill_id`` is None for a skill that
    the import will create)."""

    file: str = ""
    skill: SkillRef | None = None
    duplicate: bool = False
    row: PreviewRow | None = field(default=None, repr=False, compare=False)
    parsed: ParsedFile | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True, eq=False)
class PreviewRow:
    """One item as the preview table shows it, with its status and messages.

    The display values are derived on demand (the checked item's values when it passed,
    else the text as read), so planning 10,000 rows builds no strings for a table nobody
    looks at on the command line.
    """

    file: str
    item: RawItem
    status: str = "new"  # new, duplicate, skipped, error
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    planned: PlannedItem | None = None
    flags: dict[str, str] | None = None  # field -> "error" or "warning": where to highlight

    def flag(self, name: str, kind: str) -> None:
        if self.flags is None:
            self.flags = {}
        if self.flags.get(name) != "error":
            self.flags[name] = kind

    @property
    def line(self) -> int | None:
        return self.item.line

    def _read(self, name: str) -> str:
        v = self.item.get(name)
        if v is None or v.value is None:
            return ""
        if isinstance(v.value, SkillRef):
            return v.value.label
        return str(v.value)

    @property
    def date(self) -> str:
        return self.planned.given_on.isoformat() if self.planned else self._read("date")

    @property
    def mentor(self) -> str:
        return self.planned.mentor if self.planned else self._read("mentor")

    @property
    def skill(self) -> str:
        return self.planned.skill.label if self.planned else self._read("skill")

    @property
    def rating(self) -> str:
        if self.planned:
            return "" if self.planned.level is None else str(self.planned.level)
        return self._read("rating")

    @property
    def comment(self) -> str:
        return self.planned.comment if self.planned else self._read("comment")


@dataclass
class ImportPlan:
    files: list[ParsedFile] = field(default_factory=list)
    items: list[PlannedItem] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    new_skills: list[SkillRef] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        return sum(1 for i in self.items if not i.duplicate)

    @property
    def duplicates(self) -> int:
        return sum(1 for i in self.items if i.duplicate)


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    backup: Path | None = None
    new_skills: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [e.as_dict() for e in self.errors],
        }


# --- reading ----------------------------------------------------------------------------


def load_sources(paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Source]:
    """Read each file's bytes, refusing what is missing, unreadable or over the size limit."""
    sources = []
    for p in paths:
        path = Path(p)
        src = Source(name=path.name or str(path), path=path)
        try:
            if path.is_dir():
                raise FileProblem("is a folder, not a file")
            check_size(path.stat().st_size, max_bytes)
            src.data = path.read_bytes()
            check_size(len(src.data), max_bytes)
        except FileNotFoundError:
            src.problem = "no such file"
        except FileProblem as exc:
            src.problem, src.data = exc.message, None
        except OSError as exc:
            src.problem = f"cannot be read ({exc.strerror or exc})"
        sources.append(src)
    return sources


def skill_index(session: Session) -> SkillIndex:
    """The active framework's skills and scale as plain values (three light queries)."""
    fw_id = session.scalar(
        select(Framework.id).where(Framework.active.is_(True)).order_by(Framework.id.desc())
    )
    if fw_id is None:
        return SkillIndex([], [])
    scale = session.execute(
        select(ScaleLevel.level, ScaleLevel.label)
        .where(ScaleLevel.framework_id == fw_id)
        .order_by(ScaleLevel.level)
    ).all()
    rows = session.execute(
        select(Skill.id, Skill.code, Skill.name, Skill.target_level, Skill.archived)
        .join(Area, Area.id == Skill.area_id)
        .where(Skill.framework_id == fw_id)
        .order_by(Area.position, Area.id, Skill.position, Skill.id)
    ).all()
    index = SkillIndex([SkillRef(*row) for row in rows], [tuple(r) for r in scale])
    index.framework_id = fw_id
    return index


# --- validating -------------------------------------------------------------------------


class _Validator:
    def __init__(self, session: Session, index: SkillIndex, options: ImportOptions) -> None:
        self.session = session
        self.index = index
        self.options = options
        self.today = options.today or dt.date.today()
        self.has_framework = index.framework_id is not None
        self.new_skills: dict[str, SkillRef] = {}
        self.unknown: dict[tuple, list] = {}  # (file, column, text) -> [first problem, lines, rows]
        self.codes = {norm(s.code) for s in index.skills}
        self._levels: dict[tuple, int | None | str] = {}
        self._mentors: dict[str, str] = {}
        self._skills: dict[str, SkillRef | None] = {}
        self.future = self.today + dt.timedelta(days=1)
        self._dates: dict[tuple, dt.date | str] = {}

    def new_skill(self, text: str) -> SkillRef:
        key = norm(text)
        if key not in self.new_skills:
            name = " ".join(text.split())
            code = name if re.fullmatch(r"[A-Za-z]{1,6}-?\d{1,4}", name) else ""
            n = len(self.new_skills) + 1
            while not code or norm(code) in self.codes:
                code, n = f"IMP{n}", n + 1
            self.codes.add(norm(code))
            levels = [lv for lv, _ in self.index.scale]
            target = sorted(levels)[len(levels) // 2]
            self.new_skills[key] = SkillRef(None, code, name, target)
        return self.new_skills[key]

    def validate(self, pf: ParsedFile, item: RawItem, row: PreviewRow) -> PlannedItem | None:
        problems: list[Problem] = []
        values = item.values

        def bad(name: str, message: str) -> None:
            column = item.column(name)
            problems.append(Problem(pf.name, item.line_of(name), column, message))
            row.messages.append(f"{column}: {message}")
            row.flag(name, "error")

        level: int | None = None
        rating = values.get("rating")
        if rating is not None:
            found = self._level(rating)
            if isinstance(found, str):
                bad("rating", found)
            else:
                level = found
        comment = values.get("comment")
        if comment is None:
            comment = ""
        elif isinstance(comment, str):
            if "\r" in comment:
                comment = comment.replace("\r\n", "\n").replace("\r", "\n")
        elif isinstance(comment, (int, float)) and not isinstance(comment, bool):
            comment = str(comment)
        else:
            bad("comment", "the comment must be text")
            comment = ""
        if not problems and level is None and not comment.strip():
            row.status = "skipped"
            return None
        skill = self._skill(pf, item, row, bad)
        given_on = self._date(item, bad)
        raw_mentor = values.get("mentor")
        mentor = ""
        if isinstance(raw_mentor, str):
            mentor = self._mentors.get(raw_mentor) or self._mentors.setdefault(
                raw_mentor, " ".join(raw_mentor.split())
            )
        elif isinstance(raw_mentor, (int, float)) and not isinstance(raw_mentor, bool):
            mentor = str(raw_mentor)
        elif raw_mentor is not None:
            bad("mentor", "the mentor must be a name or e-mail address")
        if not mentor and (raw_mentor is None or isinstance(raw_mentor, str)):
            bad("mentor", "the mentor is empty; say who gave the feedback")
        if given_on is not None and given_on > self.future:
            msg = f"the date {given_on.isoformat()} is in the future"
            pf.warn(msg, item.line_of("date"), item.column("date"))
            row.warnings.append(msg)
            row.flag("date", "warning")
        if problems or skill is None or given_on is None:
            pf.errors.extend(problems)
            row.status = "error"
            return None
        if skill.archived:
            row.warnings.append(
                f"skill {skill.code} is archived; the feedback is kept in its history"
            )
            row.flag("skill", "warning")
        return PlannedItem(
            skill_id=skill.id,
            skill_code=skill.code,
            mentor=mentor,
            given_on=given_on,
            level=level,
            comment=comment,
            line=item.line,
            raw=item.raw,
            fingerprint=feedback_fingerprint(mentor, skill.code, given_on, level, comment),
            file=pf.name,
            skill=skill,
            row=row,
            parsed=pf,
        )

    def _skill(self, pf: ParsedFile, item: RawItem, row: PreviewRow, bad) -> SkillRef | None:
        value = item.values.get("skill")
        if isinstance(value, SkillRef):
            return value
        if isinstance(value, str):
            found = self._skills.get(value)
            if found is None:
                found = self._skills.setdefault(value, self.index.find(value))
            if found is not None:
                return found
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
            found = self.index.find(value)
            if found is not None:
                return found
        if not isinstance(value, str) or not value.strip():
            bad("skill", "the skill is empty; give its code or name")
            return None
        if self.options.create_missing_skills and self.has_framework:
            return self.new_skill(value)
        column = item.column("skill")
        key = (pf.name, column, norm(value))
        line = item.line_of("skill")
        if key in self.unknown:
            self.unknown[key][1].append(line)
            self.unknown[key][2].append(row)
        else:
            self.unknown[key] = [(pf, value, column, line), [line], [row]]
        row.status = "error"
        row.messages.append(f"{column}: unknown skill {value.strip()!r}")
        row.flag("skill", "error")
        return None

    def _level(self, value: object) -> int | None | str:
        """A level, or the problem as text; remembered per distinct value (files repeat them)."""
        key = (type(value), value) if isinstance(value, (str, int, float)) else None
        if key is not None and key in self._levels:
            return self._levels[key]
        try:
            found: int | None | str = self.index.parse_level(value)
        except LevelProblem as exc:
            found = str(exc)
        if key is not None:
            self._levels[key] = found
        return found

    def _date(self, item: RawItem, bad) -> dt.date | None:
        value = item.values.get("date")
        if value is None or (isinstance(value, str) and not value.strip()):
            bad("date", "the date is empty")
            return None
        key = (type(value), value) if isinstance(value, (str, dt.date)) else None
        found = self._dates.get(key) if key is not None else None
        if found is None:
            try:
                found = parse_feedback_date(value, self.options.date_format)
            except DateProblem as exc:
                found = str(exc)
            if key is not None:
                self._dates[key] = found
        if isinstance(found, str):
            bad("date", found)
            return None
        return found

    def unknown_problems(self) -> None:
        for (pf, value, column, line), lines, rows in self.unknown.values():
            message = unknown_skill_message(value.strip(), self.index.skills, what="skill")  # type: ignore[arg-type]
            message = message.removeprefix("skill: ")
            placeholder = f"{column}: unknown skill {value.strip()!r}"
            for row in rows:
                row.status = "error"
                row.messages = [
                    f"{column}: {message}" if m == placeholder else m for m in row.messages
                ]
            if self.has_framework:
                message += " (or add it with --create-missing-skills)"
            others = [str(n) for n in lines[1:] if n is not None]
            if others:
                shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
                message += f"; also on line{'s' if len(others) > 1 else ''} {shown}"
            pf.errors.append(Problem(pf.name, line, column, message))


@paused_gc()
def plan_sources(
    session: Session,
    sources: Sequence[Source],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and check every source; nothing is written. Problems are in the plan."""
    options = options or ImportOptions()
    index = skill_index(session)
    validator = _Validator(session, index, options)
    plan = ImportPlan()
    total = len(sources)
    for n, src in enumerate(sources):
        if progress:
            progress(n, total, f"Reading {src.name}…")
        if src.data is None:
            pf = ParsedFile(src.name)
            pf.error(src.problem or "cannot be read")
        else:
            pf = parse_file(src.name, src.data, index, options.mapping)
        plan.files.append(pf)
        for k, item in enumerate(pf.items):
            if progress and k % 2000 == 1999:
                progress(n, total, f"Checking {src.name}: {k + 1} of {len(pf.items)}…")
            row = PreviewRow(pf.name, item)
            plan.rows.append(row)
            planned = validator.validate(pf, item, row)
            if planned is not None:
                row.planned = planned
                plan.items.append(planned)
    validator.unknown_problems()
    for pf in plan.files:
        if not pf.errors and not any(r.status != "skipped" for r in plan.rows if r.file == pf.name):
            blank = sum(1 for r in plan.rows if r.file == pf.name)
            pf.warn(
                "no ratings or comments to import"
                + (f" ({blank} blank item{'s' if blank != 1 else ''})" if blank else "")
            )
    if options.create_missing_skills and not validator.has_framework:
        plan.errors.append(
            Problem("", None, None, "the journal has no skills framework to add skills to")
        )
    for mapped in options.mapping:
        if not any(norm(c.header) == norm(mapped) for pf in plan.files for c in pf.columns):
            plan.warnings.append(Problem("--map", None, mapped, "no column has this header"))
    for pf in plan.files:
        pf.errors.sort(key=lambda p: p.line or 0)
        plan.errors.extend(pf.errors)
        plan.warnings.extend(pf.warnings)
    for row in plan.rows:
        if row.status == "new" and row.messages:
            row.status = "error"
    plan.new_skills = list(validator.new_skills.values())
    _mark_duplicates(session, plan)
    if progress:
        progress(total, total, "Checked")
    return plan


def _mark_duplicates(session: Session, plan: ImportPlan) -> None:
    known = known_fingerprints(session, [i.fingerprint for i in plan.items])
    seen: set[str] = set()
    for item in plan.items:
        if item.fingerprint in known or item.fingerprint in seen:
            item.duplicate = True
            if item.row is not None and item.row.status == "new":
                item.row.status = "duplicate"
        seen.add(item.fingerprint)


def plan_import(
    session: Session,
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    options = options or ImportOptions()
    return plan_sources(session, load_sources(paths, options.max_bytes), options, progress)


# --- writing ----------------------------------------------------------------------------


def _create_skills(session: Session, new: list[SkillRef]) -> dict[str, Skill]:
    fw = active_framework(session)
    if fw is None:
        raise PlnError("the journal has no skills framework to add skills to")
    area = session.scalar(
        select(Area).where(Area.framework_id == fw.id, Area.name == IMPORTED_AREA)
    )
    if area is None:
        last = session.scalar(
            select(Area.position).where(Area.framework_id == fw.id).order_by(Area.position.desc())
        )
        area = Area(
            framework_id=fw.id,
            name=IMPORTED_AREA,
            description="Skills added when importing mentor feedback that named them.",
            position=(last or 0) + 1,
        )
        session.add(area)
        session.flush()
    taken = {
        c.casefold() for c in session.scalars(select(Skill.code).where(Skill.framework_id == fw.id))
    }
    created: dict[str, Skill] = {}
    for pos, ref in enumerate(new, start=len(area.skills)):
        if ref.code.casefold() in taken:
            raise PlnError(
                f"skill code {ref.code} was taken since the preview; check the file again"
            )
        skill = Skill(
            framework_id=fw.id,
            area=area,
            code=ref.code,
            name=ref.name,
            description="Added by a feedback import.",
            target_level=ref.target_level,
            position=pos,
        )
        session.add(skill)
        created[ref.code] = skill
    session.flush()
    return created


@paused_gc()
def apply_import(
    db,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    backup: bool = True,
) -> ImportResult:
    """Write a checked plan in one transaction (after a backup); all of it or none of it."""
    result = ImportResult(warnings=list(plan.warnings), errors=list(plan.errors))
    if plan.errors:
        return result
    todo = [i for i in plan.items if not i.duplicate]
    result.duplicates = plan.duplicates
    if not todo:
        return result
    if backup:
        result.backup = make_backup(db.path, "before-feedback-import")
    total = len(todo)
    with db.session() as session:
        known = known_fingerprints(session, [i.fingerprint for i in todo])
        if known:  # written by someone else since the plan was made
            result.duplicates += sum(1 for i in todo if i.fingerprint in known)
            todo = [i for i in todo if i.fingerprint not in known]
        created = _create_skills(session, plan.new_skills) if plan.new_skills else {}
        by_file: dict[ParsedFile, list[PlannedItem]] = {}
        for item in todo:
            if item.skill is not None and item.skill.id is None:  # created just now
                item.skill_id = created[item.skill_code].id
            by_file.setdefault(item.parsed, []).append(item)
        done = 0
        for pf, new in by_file.items():
            imp = FeedbackImport(file_name=pf.name, sha256=pf.sha256, format=pf.format)
            for start in range(0, len(new), 2000):
                if progress:
                    progress(done, total, f"Importing {done} of {total}…")
                chunk = new[start : start + 2000]
                add_feedback_items(session, imp, chunk)
                done += len(chunk)
        if progress:
            progress(total, total, "Saving…")
    result.imported = len(todo)
    result.new_skills = [f"{r.code} {r.name}" for r in plan.new_skills]
    return result


def import_feedback(
    db,
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``paths``; unless there is an error or this is a dry run, write every new item.

    With any error nothing is written and ``result.errors`` says what and where.
    """
    options = options or ImportOptions()
    with db.session() as session:
        plan = plan_import(session, paths, options, progress)
    if dry_run or plan.errors:
        return ImportResult(
            imported=0 if plan.errors else plan.new_count,
            duplicates=plan.duplicates,
            warnings=plan.warnings,
            errors=plan.errors,
            dry_run=dry_run,
            new_skills=[f"{r.code} {r.name}" for r in plan.new_skills],
        )
    return apply_import(db, plan, progress=progress)
