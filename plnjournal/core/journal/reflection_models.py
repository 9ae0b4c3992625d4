"""Reflection models (Gibbs, Driscoll, …): loading the data files and writing their templates.

Built-in models ship in ``resources/reflection_models/``; the user's own live in
``paths.user_reflection_models_dir()``. The schema is in docs/frameworks.md ("Reflection
models"). A broken user file never stops the app: it is reported as a ``Problem`` and skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plnjournal.errors import Problem, ValidationError
from plnjournal.paths import user_reflection_models_dir
from plnjournal.resources import folder as resource_folder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FORMAT = "plnjournal-reflection-model"
# The order models are offered in: the simplest first, the hard conversation last.
BUILTIN_ORDER = (
    "free",
    "gibbs",
    "driscoll",
    "kolb",
    "brookfield",
    "schon",
    "hard_conversation",
    "nmc_reflective_account",
    "mentor_meeting",
)
HARD_CONVERSATION = "hard_conversation"
_ID = re.compile(r"^[a-z0-9_]+$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Section:
    heading: str
    phase: str | None
    prompts: tuple[str, ...]
    # Tick boxes the section offers (the NMC form's four themes of the Code): written as a
    # Markdown task list, so the text stays plain and a form can read back what was ticked.
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReflectionModel:
    id: str
    name: str
    description: str
    sections: tuple[Section, ...]
    builtin: bool = True

    @property
    def phases(self) -> list[str]:
        """Phase names in order ("prepare", "debrief"); empty for one-sitting models."""
        seen: list[str] = []
        for s in self.sections:
            if s.phase and s.phase not in seen:
                seen.append(s.phase)
        return seen


def parse_model(data: object, file: str, *, builtin: bool = False) -> ReflectionModel:
    """Read one model file's JSON, reporting every problem with where it is."""
    problems: list[Problem] = []

    def bad(where: str | None, message: str) -> None:
        problems.append(Problem(file, None, where, message))

    if not isinstance(data, dict):
        raise ValidationError([Problem(file, None, None, "expected a JSON object at the top")])
    if data.get("format") != FORMAT:
        bad("format", f"must be {FORMAT!r}")
    if data.get("version") != 1:
        bad("version", f"{data.get('version')!r} is not a version this app reads (1)")
    model_id = str(data.get("id") or "").strip()
    if not _ID.match(model_id):
        bad("id", f"{model_id!r}: use lowercase letters, digits and underscores")
    name = str(data.get("name") or "").strip()
    if not name:
        bad("name", "missing")
    sections: list[Section] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        bad("sections", "must be a non-empty list")
        raw_sections = []
    for i, sec in enumerate(raw_sections):
        where = f"sections[{i}]"
        if not isinstance(sec, dict) or not str(sec.get("heading") or "").strip():
            bad(where, "each section needs a 'heading'")
            continue
        prompts = sec.get("prompts", [])
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            bad(f"{where}.prompts", "must be a list of strings")
            prompts = []
        phase = sec.get("phase")
        if phase is not None and not isinstance(phase, str):
            bad(f"{where}.phase", "must be a string or null")
            phase = None
        choices = sec.get("choices", [])
        if not isinstance(choices, list) or not all(
            isinstance(c, str) and c.strip() for c in choices
        ):
            bad(f"{where}.choices", "must be a list of non-empty strings")
            choices = []
        sections.append(
            Section(
                str(sec["heading"]).strip(),
                phase or None,
                tuple(prompts),
                tuple(c.strip() for c in choices),
            )
        )
    if problems:
        raise ValidationError(problems)
    return ReflectionModel(
        model_id, name, str(data.get("description") or ""), tuple(sections), builtin
    )


def builtin_models() -> list[ReflectionModel]:
    """The models shipped with the app, in ``BUILTIN_ORDER`` (simplest first), then any
    other built-in file by name."""
    folder: Traversable = resource_folder("reflection_models")
    models = []
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            models.append(
                parse_model(json.loads(item.read_text(encoding="utf-8")), item.name, builtin=True)
            )
    rank = {mid: i for i, mid in enumerate(BUILTIN_ORDER)}
    return sorted(models, key=lambda m: (rank.get(m.id, len(rank)), m.name))


def load_reflection_models(
    user_dir: Path | None = None,
) -> tuple[list[ReflectionModel], list[Problem]]:
    """Built-in models, then the user's own (by name); problems in user files are returned,
    never raised, so one bad file costs only itself."""
    models = builtin_models()
    problems: list[Problem] = []
    if user_dir is None:
        user_dir = user_reflection_models_dir()
    taken = {m.id: m for m in models}
    own: list[ReflectionModel] = []
    files = sorted(user_dir.glob("*.json")) if user_dir.is_dir() else []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            model = parse_model(data, path.name)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, None, None, f"cannot be read: {exc}"))
            continue
        except json.JSONDecodeError as exc:
            problems.append(Problem(path.name, exc.lineno, exc.colno, f"not JSON: {exc.msg}"))
            continue
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        if model.id in taken:
            what = "a built-in model" if taken[model.id].builtin else "another file's model"
            problems.append(
                Problem(path.name, None, "id", f"{model.id!r} is already {what}; choose another id")
            )
            continue
        taken[model.id] = model
        own.append(model)
    return models + sorted(own, key=lambda m: m.name.casefold()), problems


def headings_in(body: str) -> set[str]:
    """The Markdown headings in a text, normalised for comparison."""
    out = set()
    for line in body.splitlines():
        m = _HEADING.match(line.strip())
        if m:
            out.add(_norm(m.group(2)))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _section_text(section: Section, level: str) -> str:
    text = f"{level} {section.heading}\n\n"
    if section.prompts:
        # One quoted line of guiding questions: visible while writing, skipped when
        # commitments are read from the action plan.
        text += "> " + " ".join(section.prompts) + "\n\n"
    if section.choices:
        text += "".join(f"- [ ] {choice}\n" for choice in section.choices) + "\n"
    return text + "\n"


def next_phase(model: ReflectionModel, body: str) -> str | None:
    """The first phase whose sections the text does not have yet (None if all are there)."""
    present = headings_in(body)
    for phase in model.phases:
        if not any(_norm(s.heading) in present for s in model.sections if s.phase == phase):
            return phase
    return None


def template_text(model: ReflectionModel, body: str = "") -> str:
    """The sections to insert into ``body``: all of them for a one-sitting model; for a model
    in phases (prepare → debrief), the next phase not yet written. Empty if nothing is left."""
    present = headings_in(body)
    if not model.phases:
        missing = [s for s in model.sections if _norm(s.heading) not in present]
        return "".join(_section_text(s, "##") for s in missing)
    phase = next_phase(model, body)
    if phase is None:
        return ""
    text = f"## {phase.capitalize()}\n\n"
    return text + "".join(_section_text(s, "###") for s in model.sections if s.phase == phase)
