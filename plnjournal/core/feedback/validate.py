"""Checking one feedback item at a time: its rating, comment, skill, date and mentor, with every
problem placed on its line and column and on the item's row in the preview.

What the user chose (``ImportOptions``) and what a check produces (a ``PlannedItem`` ready to
write, a ``PreviewRow`` for the table) live here too; ``plan`` runs the checks over files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plnjournal.core.feedback.dates import DateProblem, parse_feedback_date
from plnjournal.core.feedback.items import NewFeedbackItem, feedback_fingerprint
from plnjournal.core.feedback.schema import (
    MAX_VALUE_CHARS,
    LevelProblem,
    ParsedFile,
    RawItem,
    SkillIndex,
    SkillRef,
    norm,
)
from plnjournal.core.feedback.text import DEFAULT_MAX_BYTES, problem, shown
from plnjournal.core.skills.lookup import unknown_skill_message
from plnjournal.errors import Problem

# Records a problem with one field of the item being checked: (field, message).
Complain = Callable[[str, str], None]


@dataclass
class ImportOptions:
    """What the user chose: column mapping, a date format, whether to add unknown skills."""

    mapping: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    create_missing_skills: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    today: dt.date | None = None


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
        """Mark a field for the preview to highlight; an error outranks a warning."""
        if self.flags is None:
            self.flags = {}
        if self.flags.get(name) != "error":
            self.flags[name] = kind

    @property
    def line(self) -> int | None:
        """The item's line in its file."""
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
        """The date as checked, else as read."""
        return self.planned.given_on.isoformat() if self.planned else self._read("date")

    @property
    def mentor(self) -> str:
        """The mentor as checked, else as read."""
        return self.planned.mentor if self.planned else self._read("mentor")

    @property
    def skill(self) -> str:
        """The skill as found, else as read."""
        return (
            self.planned.skill.label if self.planned and self.planned.skill else self._read("skill")
        )

    @property
    def rating(self) -> str:
        """The level as checked, else as read."""
        if self.planned:
            return "" if self.planned.level is None else str(self.planned.level)
        return self._read("rating")

    @property
    def comment(self) -> str:
        """The comment as checked, else as read."""
        return self.planned.comment if self.planned else self._read("comment")


class Validator:
    """The checks of one import, remembering what files repeat (levels, dates, mentors,
    skills) and the unknown skills met, to report each once with all its lines."""

    def __init__(self, session: Session, index: SkillIndex, options: ImportOptions) -> None:
        self.session = session
        self.index = index
        self.options = options
        self.today = options.today or dt.date.today()
        self.has_framework = index.framework_id is not None
        self.new_skills: dict[str, SkillRef] = {}
        # (file, column, text) -> (where it was first met, its lines, its rows)
        self.unknown: dict[
            tuple[str, str, str],
            tuple[tuple[ParsedFile, str, str, int | None], list[int | None], list[PreviewRow]],
        ] = {}
        self.codes = {norm(s.code) for s in index.skills}
        self._levels: dict[tuple[type, object], int | None | str] = {}
        self._mentors: dict[str, str] = {}
        self._skills: dict[str, SkillRef | None] = {}
        self.future = self.today + dt.timedelta(days=1)
        self._dates: dict[tuple[type, object], dt.date | str] = {}

    def new_skill(self, text: str) -> SkillRef:
        """The skill this import will create for ``text``: one per distinct name, with a code
        no other skill has."""
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
        """Check one item: the planned item when it passed, else None, its problems on the file
        and on the row."""
        problems: list[Problem] = []
        values = item.values

        def bad(name: str, message: str) -> None:
            column = item.column(name)
            problems.append(problem(pf.name, item.line_of(name), column, message))
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

    def _skill(
        self, pf: ParsedFile, item: RawItem, row: PreviewRow, bad: Complain
    ) -> SkillRef | None:
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
        if value is not None and not isinstance(value, str):
            bad("skill", f"the skill must be a code or a name, not {shown(value)}")
            return None
        if value is None or not value.strip():
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
            self.unknown[key] = ((pf, value, column, line), [line], [row])
        row.status = "error"
        row.messages.append(f"{column}: unknown skill {shown(value.strip())}")
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

    def _date(self, item: RawItem, bad: Complain) -> dt.date | None:
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
        """Report each unknown skill once, with a suggestion and all its lines."""
        for (pf, value, column, line), lines, rows in self.unknown.values():
            # The message reads only ``code`` and ``name``, which a SkillRef has as a Skill does
            # (core.skills.lookup types the list as Skill rows).
            text = value.strip()[:MAX_VALUE_CHARS]
            message = unknown_skill_message(text, self.index.skills, what="skill")  # type: ignore[arg-type]
            message = message.removeprefix("skill: ")
            placeholder = f"{column}: unknown skill {shown(value.strip())}"
            for row in rows:
                row.status = "error"
                row.messages = [
                    f"{column}: {message}" if m == placeholder else m for m in row.messages
                ]
            if self.has_framework:
                message += " (or add it with --create-missing-skills)"
            others = [str(n) for n in lines[1:] if n is not None]
            if others:
                where = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
                message += f"; also on line{'s' if len(others) > 1 else ''} {where}"
            pf.errors.append(problem(pf.name, line, column, message))
