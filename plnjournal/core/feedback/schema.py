"""What every feedback format is read into: plain items with where each value came from.

Parsers know nothing of the database; they get a ``SkillIndex`` (the active framework's skills
and scale as plain values) so they can tell a skill column from any other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from plnjournal.core.feedback.text import problem, shown
from plnjournal.errors import Problem

FIELDS = ("date", "mentor", "skill", "rating", "comment")

# A rating or a date longer than this is not one (and is never given to a regular expression).
MAX_VALUE_CHARS = 100

# Values meaning "this skill was not rated" in a form (not an error, not a rating).
NOT_RATED = {"", "n/a", "na", "-", "–", "—", "none", "not observed", "not applicable", "not seen"}


@dataclass(frozen=True)
class SkillRef:
    """A skill as the importer sees it (``id`` is None for a skill still to be created)."""

    id: int | None
    code: str
    name: str
    target_level: int = 3
    archived: bool = False

    @property
    def label(self) -> str:
        """How the preview and the messages name the skill."""
        return f"{self.code} {self.name}"


@dataclass(slots=True)
class Value:
    """One value read from a file and where it was: a column header, a JSON path, a key."""

    value: object
    column: str | None = None
    line: int | None = None


@dataclass(slots=True)
class RawItem:
    """One rating or comment as read, before validation; any field may be missing.

    ``values`` maps a field to the value as read; ``columns`` says where each came from (one
    dict shared by every row of a table); ``lines`` only where a value's line is not the
    item's own (a Markdown rating line, JSON defaults at the top).
    """

    line: int | None
    values: dict[str, object]
    columns: dict[str, str]
    raw: dict[str, object]
    lines: dict[str, int | None] | None = None

    @classmethod
    def of(cls, line: int | None, values: dict[str, Value], raw: dict[str, object]) -> RawItem:
        """An item from ``Value``s (for formats where values come from different places)."""
        lines: dict[str, int | None] = {
            k: v.line for k, v in values.items() if v.line is not None and v.line != line
        }
        return cls(
            line,
            {k: v.value for k, v in values.items()},
            {k: v.column or k for k, v in values.items()},
            raw,
            lines or None,
        )

    def column(self, name: str) -> str:
        """Where ``name`` came from, so a problem names the user's own column."""
        return self.columns.get(name) or name

    def line_of(self, name: str) -> int | None:
        """The line of ``name``'s value (its own when it came from elsewhere)."""
        if self.lines and name in self.lines:
            return self.lines[name]
        return self.line

    def get(self, name: str) -> Value | None:
        """The value with where it came from, or None when the file did not give it."""
        if name not in self.values:
            return None
        return Value(self.values[name], self.column(name), self.line_of(name))


@dataclass
class ColumnInfo:
    """How a column of a table was understood (shown in the GUI's mapping step)."""

    header: str
    role: str  # a field, "rating:CODE", "comment:CODE", "info", "ignored", "new skill"
    recognised: bool = True
    samples: list[str] = field(default_factory=list)  # a few values, for the mapping step


@dataclass(eq=False)  # compared and hashed by identity: one per file read
class ParsedFile:
    name: str
    format: str = ""
    sha256: str = ""
    items: list[RawItem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)

    def error(self, message: str, line: int | None = None, column: str | None = None) -> None:
        """Record a problem that stops the import, placed on its line and column."""
        self.errors.append(problem(self.name, line, column, message))

    def warn(self, message: str, line: int | None = None, column: str | None = None) -> None:
        """Record something the user sees in the preview that does not stop it."""
        self.warnings.append(problem(self.name, line, column, message))


class LevelProblem(ValueError):
    """A rating that is not a level of the scale; the message says why."""


def norm(text: str) -> str:
    """Text compared as people mean it: spacing and case ignored."""
    return " ".join(str(text).split()).casefold()


_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")
_OUT_OF = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_NUMBER_LABEL = re.compile(r"^(\d+)\s*(?:[-–—:.)]|\()\s*(.+?)\)?$")
_LABEL_NUMBER = re.compile(r"^(.+?)\s*\((\d+)\)$")
_HEADER_NUMBERING = re.compile(r"^(?:Q?\d+[.)]\s+)")


class SkillIndex:
    """The active framework's skills and scale, for matching what files say."""

    def __init__(self, skills: list[SkillRef], scale: list[tuple[int, str]]) -> None:
        self.skills = skills
        self.framework_id: int | None = None  # set when read from a journal
        self.scale = scale or [(n, str(n)) for n in range(1, 6)]
        self.lo = min(lv for lv, _ in self.scale)
        self.hi = max(lv for lv, _ in self.scale)
        self._by_code = {norm(s.code): s for s in skills}
        self._by_name: dict[str, SkillRef] = {}
        for s in skills:
            self._by_name.setdefault(norm(s.name), s)
        self._labels = {norm(label): lv for lv, label in self.scale}

    @property
    def scale_text(self) -> str:
        """The scale as messages quote it (``1–4``)."""
        return f"{self.lo}–{self.hi}"

    def find(self, text: object) -> SkillRef | None:
        """A skill by code or name, case and surrounding spaces ignored."""
        key = norm(text) if isinstance(text, str) else ""
        return self._by_code.get(key) or self._by_name.get(key)

    def header_parts(self, header: str) -> list[str]:
        """The ways a column header can name a skill: whole, ``Question [Skill]`` (Google
        Forms grids), ``Question.Skill`` (Microsoft Forms Likert), ``Question - Skill``."""
        text = _HEADER_NUMBERING.sub("", header.strip())
        parts = [header.strip(), text]
        m = re.search(r"\[([^\[\]]+)\]\s*$", text)
        if m:
            parts.append(m.group(1))
        for sep in (".", " - ", " – ", ": "):
            if sep in text:
                parts.append(text.rsplit(sep, 1)[1])
        m = re.search(r"\(([^()]+)\)\s*$", text)
        if m:
            parts.append(m.group(1))
        return [p.strip() for p in parts if p.strip()]

    def header_skill(self, header: str) -> SkillRef | None:
        """The skill a wide table's column header names, if any."""
        for part in self.header_parts(header):
            skill = self.find(part)
            if skill is not None:
                return skill
        return None

    def skill_text_of_header(self, header: str) -> str:
        """The part of a header that names a skill: ``[Skill]`` if there is one, else all."""
        m = re.search(r"\[([^\[\]]+)\]\s*$", header)
        return m.group(1).strip() if m else _HEADER_NUMBERING.sub("", header.strip())

    def is_not_rated(self, value: object) -> bool:
        """Whether a cell says there is no rating (blank, ``n/a`` …), which is no error."""
        return value is None or (isinstance(value, str) and norm(value) in NOT_RATED)

    def parse_level(self, value: object) -> int | None:
        """A level of the scale from a number, ``N/5``, a label (``Competent``) or
        ``3 - Competent``; None when not rated. Raises ``LevelProblem``."""
        if self.is_not_rated(value):
            return None
        if isinstance(value, bool):
            raise LevelProblem(f"{value!r} is not a rating")
        if isinstance(value, float):
            if not math.isfinite(value):
                raise LevelProblem(f"{value!r} is not a rating")
            if not value.is_integer():
                raise LevelProblem(f"{value:g} is not a whole level of the scale {self.scale_text}")
            value = int(value)
        if isinstance(value, int):
            return self._in_scale(value, shown(value))
        if not isinstance(value, str):
            raise LevelProblem(f"{shown(value)} is not a rating")
        text = value.strip()
        if len(text) > MAX_VALUE_CHARS:
            raise LevelProblem(
                f"{shown(text)} is not a rating (longer than {MAX_VALUE_CHARS} characters)"
            )
        if _INT.match(text):
            return self._in_scale(int(text), text)
        if _DECIMAL.match(text):
            number = float(text.replace(",", "."))
            if number.is_integer():
                return self._in_scale(int(number), text)
            raise LevelProblem(f"{text} is not a whole level of the scale {self.scale_text}")
        m = _OUT_OF.match(text)
        if m:
            if int(m.group(2)) != self.hi:
                raise LevelProblem(
                    f"{text} is not on the scale {self.scale_text} (out of {m.group(2)}, "
                    f"not {self.hi})"
                )
            return self._in_scale(int(m.group(1)), text)
        label = self._labels.get(norm(text))
        if label is not None:
            return label
        m = _NUMBER_LABEL.match(text) or _LABEL_NUMBER.match(text)
        if m:
            num_text, label_text = (
                (m.group(1), m.group(2)) if m.re is _NUMBER_LABEL else (m.group(2), m.group(1))
            )
            level = self._in_scale(int(num_text), num_text)
            named = self._labels.get(norm(label_text))
            if named is not None and named != level:
                raise LevelProblem(f"{text!r}: the number and the level name disagree")
            return level
        names = ", ".join(label for _, label in self.scale)
        raise LevelProblem(
            f"{text!r} is not a rating; use a number {self.scale_text} or a level name ({names})"
        )

    def looks_like_rating(self, value: object) -> bool:
        """A whole number (in the scale or not) or a level name: a rating, maybe a bad one."""
        if isinstance(value, bool) or self.is_not_rated(value):
            return False
        if isinstance(value, (int, float)):
            return True
        text = str(value).strip()
        return bool(_INT.match(text) or _OUT_OF.match(text)) or norm(text) in self._labels

    def _in_scale(self, level: int, text: str) -> int:
        if not self.lo <= level <= self.hi:
            raise LevelProblem(f"{text} is outside the scale {self.scale_text}")
        return level
