"""Form files: reading and checking them against the published schema, with located errors.

A form is data, not code (``resources/forms/*.json``, and a user's own in
``paths.user_forms_dir()``), so a programme can add its own record without a release. The
schema (``resources/forms/form.schema.json``) says what a file may hold; the checks here add
what a schema cannot: that the reflection model and its sections exist, and that every detail a
field names is declared.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from plnjournal.core.journal.reflection_models import ReflectionModel, load_reflection_models
from plnjournal.errors import InputError, Problem, ValidationError
from plnjournal.paths import data_dir
from plnjournal.resources import folder as resource_folder

SCHEMA_FILE = "form.schema.json"
# A form file is a few kilobytes; a larger one is not a form (and is not read whole).
MAX_FORM_BYTES = 256 * 1024


@dataclass(frozen=True)
class Detail:
    """Something typed in once and kept with the journal (the other registrant's NMC Pin)."""

    key: str
    label: str
    long: bool = False
    date: bool = False
    mentor: bool = False


@dataclass(frozen=True)
class Field:
    """One box of the form and where its text comes from."""

    label: str
    source: str  # entry.date, section, choices, detail, blank, … (the schema's "from")
    section: str = ""
    key: str = ""
    long: bool = False
    group: str = ""


@dataclass(frozen=True)
class Page:
    heading: str
    fields: tuple[Field, ...]
    note: str = ""


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    subtitle: str
    source: str
    intro: str
    reflection_model: str
    limit: int
    details: tuple[Detail, ...]
    account: Page
    pages_before: tuple[Page, ...]
    pages_after: tuple[Page, ...]
    builtin: bool = True
    # The reflection model the form reads, found once when the file is read (the checks
    # refuse a form whose model is unknown, so a parsed form always has it).
    model: ReflectionModel | None = dataclasses.field(default=None, compare=False, repr=False)

    def detail(self, key: str) -> Detail:
        """The declared detail ``key`` (the checks made sure it exists)."""
        return next(d for d in self.details if d.key == key)


def user_forms_dir() -> Path:
    """Where the user's (or their programme's) own form files are read from."""
    return data_dir() / "forms"


def _schema() -> dict[str, Any]:
    text = resource_folder("forms").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _where(path: Any) -> str:
    """A JSON path as a reader finds it: ``account.fields[2].from``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _schema_problems(data: object, file: str) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        message = error.message
        if len(message) > 160:
            message = message[:157] + "…"
        problems.append(Problem(file, None, _where(error.absolute_path), message))
    return problems


def _page(raw: dict[str, Any]) -> Page:
    fields = tuple(
        Field(
            label=f["label"].strip(),
            source=f["from"],
            section=f.get("section", "").strip(),
            key=f.get("key", ""),
            long=bool(f.get("long", False)),
            group=f.get("group", "").strip(),
        )
        for f in raw["fields"]
    )
    return Page(raw["heading"].strip(), fields, raw.get("note", "").strip())


def parse_form(
    data: object, file: str, models: list[ReflectionModel], *, builtin: bool = False
) -> FormSpec:
    """Read one form file's JSON; every problem is reported with where it is."""
    problems = _schema_problems(data, file)
    if problems:
        raise ValidationError(problems)
    assert isinstance(data, dict)
    details = tuple(
        Detail(
            d["key"],
            d["label"].strip(),
            bool(d.get("long", False)),
            bool(d.get("date", False)),
            bool(d.get("mentor", False)),
        )
        for d in data.get("details", [])
    )
    spec = FormSpec(
        id=data["id"],
        title=data["title"].strip(),
        subtitle=data.get("subtitle", "").strip(),
        source=data.get("source", "").strip(),
        intro=data.get("intro", "").strip(),
        reflection_model=data["reflection_model"],
        limit=int(data.get("limit", 5)),
        details=details,
        account=_page(data["account"]),
        pages_before=tuple(_page(p) for p in data.get("pages_before", [])),
        pages_after=tuple(_page(p) for p in data.get("pages_after", [])),
        builtin=builtin,
        model=next((m for m in models if m.id == data["reflection_model"]), None),
    )
    problems = _meaning_problems(spec, data, file, models)
    if problems:
        raise ValidationError(problems)
    return spec


def _meaning_problems(
    spec: FormSpec, data: dict[str, Any], file: str, models: list[ReflectionModel]
) -> list[Problem]:
    problems = []
    keys = [d.key for d in spec.details]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            problems.append(Problem(file, None, f"details[{i}].key", f"{key!r} is declared twice"))
    model = spec.model
    if model is None:
        problems.append(
            Problem(
                file,
                None,
                "reflection_model",
                f"{spec.reflection_model!r} is not a reflection model this app knows",
            )
        )
    headings = {s.heading.casefold(): s for s in model.sections} if model else {}
    pages = [("account", data["account"])]
    pages += [(f"pages_before[{i}]", p) for i, p in enumerate(data.get("pages_before", []))]
    pages += [(f"pages_after[{i}]", p) for i, p in enumerate(data.get("pages_after", []))]
    for where, page in pages:
        for j, field in enumerate(page["fields"]):
            at = f"{where}.fields[{j}]"
            source = field["from"]
            if source in ("section", "choices") and model is not None:
                section = headings.get(field["section"].strip().casefold())
                if section is None:
                    problems.append(
                        Problem(
                            file,
                            None,
                            f"{at}.section",
                            f"{field['section']!r} is not a section of {model.name!r}",
                        )
                    )
                elif source == "choices" and not section.choices:
                    problems.append(
                        Problem(file, None, f"{at}.section", f"{section.heading!r} has no choices")
                    )
            if source == "detail" and field["key"] not in keys:
                problems.append(
                    Problem(file, None, f"{at}.key", f"{field['key']!r} is not in 'details'")
                )
            if source.startswith("entry.") and where != "account":
                problems.append(
                    Problem(
                        file, None, f"{at}.from", "a reflection's data goes on the account page"
                    )
                )
    return problems


def read_form_file(path: Path, models: list[ReflectionModel], *, builtin: bool = False) -> FormSpec:
    """Read and check the form file at ``path``."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FORM_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_FORM_BYTES:
        raise InputError(
            f"{path}: is larger than a form file can be (the limit is {MAX_FORM_BYTES} bytes)"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        problem = Problem(path.name, exc.lineno, exc.colno, f"not JSON: {exc.msg}")
        raise ValidationError([problem]) from exc
    return parse_form(data, path.name, models, builtin=builtin)


def available_forms(user_dir: Path | None = None) -> tuple[list[FormSpec], list[Problem]]:
    """The built-in forms, then the user's own; a broken user file is a problem, not a stop."""
    models, problems = load_reflection_models()
    forms: list[FormSpec] = []
    builtin_folder = resource_folder("forms")
    for item in sorted(builtin_folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".json") and item.name != SCHEMA_FILE:
            data = json.loads(item.read_text(encoding="utf-8"))
            forms.append(parse_form(data, item.name, models, builtin=True))
    user_dir = user_forms_dir() if user_dir is None else user_dir
    taken = {f.id for f in forms}
    for path in sorted(user_dir.glob("*.json")) if user_dir.is_dir() else []:
        try:
            spec = read_form_file(path, models)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        except InputError as exc:
            problems.append(Problem(path.name, None, None, exc.message))
            continue
        if spec.id in taken:
            problems.append(
                Problem(path.name, None, "id", f"{spec.id!r} is already a form; choose another id")
            )
            continue
        taken.add(spec.id)
        forms.append(spec)
    return forms, problems


def find_form(form_id: str, user_dir: Path | None = None) -> FormSpec:
    """The form called ``form_id``, or an error listing the ones there are."""
    forms, _problems = available_forms(user_dir)
    for spec in forms:
        if spec.id == form_id:
            return spec
    known = ", ".join(f.id for f in forms)
    raise InputError(f"form {form_id!r}: there is no such form (the forms are: {known})")
