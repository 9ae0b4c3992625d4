"""What the readers of published frameworks (Mahara, CASE, spreadsheets) share: HTML to plain
text, and a builder that checks each skill as it is added and says where a problem is in the
file's own terms (``standardelements[3].shortname``), so nothing reaches the journal unchecked.
"""

from __future__ import annotations

import html
import html.parser
import re
from typing import NoReturn

from plnjournal.core.feedback.text import problem, shown
from plnjournal.core.frameworks.spec import (
    MAX_AREAS,
    MAX_CODE_CHARS,
    MAX_NAME_CHARS,
    MAX_SKILLS,
    AreaSpec,
    FrameworkSpec,
    SkillSpec,
)
from plnjournal.errors import Problem, ValidationError

# Block elements that end a line when HTML becomes text.
_BLOCKS = {"p", "div", "br", "ul", "ol", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Text(html.parser.HTMLParser):
    """Collects an HTML fragment's text, a line per block and "- " before each list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str) -> str:
    """A description as the journal keeps it: text, never markup (Mahara and some CASE
    publishers write HTML). Links keep their words; blank lines collapse."""
    if "<" not in text:
        return html.unescape(text).strip()
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(line for line in lines if line)).strip()


class SpecBuilder:
    """A framework built from a published file, one area and skill at a time, with every
    problem kept with where it is in that file."""

    def __init__(self, file: str, spec: FrameworkSpec) -> None:
        self.file = file
        self.spec = spec
        self.problems: list[Problem] = []
        self._codes: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._areas: dict[str, AreaSpec] = {}

    def bad(self, line: int | None, where: str | None, message: str) -> None:
        """Record a problem at ``where`` (the file's own path to it) on ``line``."""
        self.problems.append(problem(self.file, line, where, message))

    def area(self, name: str, description: str = "", external_id: str = "") -> AreaSpec:
        """The area of that name, added the first time (areas keep the file's order)."""
        key = name.casefold()
        if key not in self._areas:
            if len(self._areas) >= MAX_AREAS:
                self.bad(None, None, f"more than {MAX_AREAS} areas (the limit is {MAX_AREAS})")
                self.fail()
            aspec = AreaSpec(name=name, description=description, external_id=external_id)
            self._areas[key] = aspec
            self.spec.areas.append(aspec)
        return self._areas[key]

    def skill(self, area: AreaSpec, skill: SkillSpec, where: str, line: int | None = None) -> None:
        """Check ``skill`` (code and name present, short enough, unique) and add it."""
        skill.code, skill.name = skill.code.strip(), skill.name.strip()
        ok = True
        for key, value, most in (
            ("code", skill.code, MAX_CODE_CHARS),
            ("name", skill.name, MAX_NAME_CHARS),
        ):
            if not value:
                self.bad(line, where, f"no {key}")
                ok = False
            elif len(value) > most:
                self.bad(line, where, f"{key} {shown(value)} is longer than {most} characters")
                ok = False
        for key, value, seen in (
            ("code", skill.code, self._codes),
            ("name", skill.name, self._names),
        ):
            if value and value.casefold() in seen:
                self.bad(
                    line,
                    where,
                    f"duplicate {key} {shown(value)} (also at {seen[value.casefold()]})",
                )
                ok = False
            elif value:
                seen[value.casefold()] = where
        if not ok:
            return
        if len(self._codes) > MAX_SKILLS:
            self.bad(None, None, f"more than {MAX_SKILLS} skills (the limit is {MAX_SKILLS})")
            self.fail()
        area.skills.append(skill)

    def fail(self) -> NoReturn:
        """Stop reading: the problems so far are the answer."""
        raise ValidationError(self.problems)

    def result(self) -> FrameworkSpec:
        """The framework, or every problem found; areas left without a skill are dropped."""
        if not self.spec.all_skills() and not self.problems:
            self.bad(None, None, "the file holds no skills")
        if self.problems:
            self.fail()
        self.spec.areas = [a for a in self.spec.areas if a.skills]
        return self.spec


def name_limit(text: str) -> str:
    """A name cut to the journal's limit at a word, for texts that are statements, not names."""
    if len(text) <= MAX_NAME_CHARS:
        return text
    cut = text[: MAX_NAME_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…"


def line_of(obj: object, key: str | None = None) -> int | None:
    """The line of ``obj`` (or of its ``key``) in the file, when the JSON reader kept it."""
    if key is not None:
        found: int | None = getattr(obj, "key_lines", {}).get(key)
        if found is not None:
            return found
    line: int | None = getattr(obj, "line", None)
    return line


def text_field(obj: dict[str, object], key: str) -> str | None:
    """A text field (a number is read as its digits, absent as ""); None for other types."""
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() < 64:
        return str(value)
    return None
