"""Filling a form from the journal: which reflections, what goes in each box, what is left out.

Qt-free: the result (``FilledForm``) is plain text and Markdown per box, which
``report_pdf.form_writer`` lays out. Private reflections never reach a form unless the user
asked (``include_private``), and mentors' names follow ``anonymize_mentors`` as in the report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from plnjournal.core.forms.spec import Field, FormSpec, Page
from plnjournal.core.journal.reflection_models import (
    ReflectionModel,
    headings_in,
)
from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE, get_setting, set_setting
from plnjournal.core.report.names import MentorNames
from plnjournal.core.report.queries import mentors_in_order
from plnjournal.core.words import plural
from plnjournal.errors import InputError
from plnjournal.storage.models import Entry, EntryFeedback, EntrySkill, FeedbackItem, Skill

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TASK = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s+(.*?)\s*$")
DETAIL_PREFIX = "form."


@dataclass(frozen=True)
class FilledField:
    """One box as it will be printed: ``text`` is Markdown (``kind`` "text"), or the
    choices with whether each is ticked (``kind`` "choices"), or a line to write on
    (``kind`` "blank")."""

    label: str
    kind: str
    text: str = ""
    choices: tuple[tuple[str, bool], ...] = ()
    long: bool = False
    group: str = ""


@dataclass(frozen=True)
class FilledPage:
    heading: str
    fields: tuple[FilledField, ...]
    note: str = ""


@dataclass
class FilledForm:
    """The form, ready to lay out, and what the user should be told about it."""

    spec: FormSpec
    pages: list[FilledPage] = field(default_factory=list)
    accounts: int = 0
    private_left_out: int = 0
    missing: list[str] = field(default_factory=list)  # boxes left empty, for the summary

    def summary(self) -> str:
        """One line for the command line and the window's status."""
        text = f"{plural(self.accounts, 'account')} of {self.spec.title!r}"
        if self.private_left_out:
            text += (
                f"; {plural(self.private_left_out, 'private reflection')} left out "
                "(--include-private to include them)"
            )
        if self.missing:
            text += f"; {plural(len(self.missing), 'box', 'boxes')} left empty"
        return text


def detail_key(spec: FormSpec, key: str) -> str:
    """The journal setting that keeps detail ``key`` of form ``spec``."""
    return f"{DETAIL_PREFIX}{spec.id}.{key}"


def read_details(session: Session, spec: FormSpec) -> dict[str, str]:
    """The details typed in for this form (empty strings for those not given yet)."""
    out = {}
    for detail in spec.details:
        value = get_setting(session, detail_key(spec, detail.key), "")
        out[detail.key] = value if isinstance(value, str) else ""
    return out


def save_details(session: Session, spec: FormSpec, values: dict[str, str]) -> None:
    """Keep the details with the journal (they are the user's, like their name)."""
    known = {d.key for d in spec.details}
    for key, value in values.items():
        if key not in known:
            raise InputError(f"form {spec.id!r}: {key!r} is not one of its details")
        set_setting(session, detail_key(spec, key), value.strip())


def section_texts(body: str, prompts: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each heading's own text (folded heading → Markdown), the model's quoted questions
    (``prompts``, as a template writes them) left out; text before any heading is under ""."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in body.splitlines():
        m = _HEADING.match(line)
        if m:
            current = " ".join(m.group(2).split()).casefold()
            sections.setdefault(current, [])
            continue
        stripped = line.strip()
        if stripped.startswith(">") and " ".join(stripped[1:].split()) in prompts:
            continue  # the template's guiding questions, not the writer's words
        sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def model_prompts(model: ReflectionModel | None) -> frozenset[str]:
    """The quoted question lines a template of ``model`` inserts."""
    if model is None:
        return frozenset()
    return frozenset(" ".join(" ".join(s.prompts).split()) for s in model.sections if s.prompts)


def ticked(text: str, choices: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """Each choice with whether the section's task list ticks it."""
    marks: dict[str, bool] = {}
    for line in text.splitlines():
        m = _TASK.match(line)
        if m:
            marks[" ".join(m.group(2).split()).casefold()] = m.group(1) != " "
    return tuple((c, marks.get(c.casefold(), False)) for c in choices)


def _prose(text: str, choices: Sequence[str]) -> str:
    """The section's text without its tick-box lines."""
    folded = {c.casefold() for c in choices}
    keep = []
    for line in text.splitlines():
        m = _TASK.match(line)
        if m and " ".join(m.group(2).split()).casefold() in folded:
            continue
        keep.append(line)
    return "\n".join(keep).strip()


def choose_entries(
    session: Session,
    spec: FormSpec,
    *,
    entry_ids: Sequence[int] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_private: bool = False,
) -> tuple[list[Entry], int]:
    """The reflections to print, oldest first, and how many private ones were left out.

    Chosen ids are printed as chosen (a private one only with ``include_private``); otherwise
    the newest ``spec.limit`` reflections written with the form's model in the period."""
    if entry_ids:
        rows = {e.id: e for e in session.scalars(select(Entry).where(Entry.id.in_(entry_ids)))}
        missing = [str(i) for i in entry_ids if i not in rows]
        if missing:
            raise InputError(f"reflection {', '.join(missing)}: there is no such reflection")
        private = [str(i) for i in entry_ids if rows[i].private]
        if private and not include_private:
            raise InputError(
                f"reflection {', '.join(private)}: is private; it goes on a form only with "
                "--include-private"
            )
        chosen = [rows[i] for i in dict.fromkeys(entry_ids)]
        return sorted(chosen, key=lambda e: (e.entry_date, e.id)), 0
    model = spec.model
    query = select(Entry).where(_written_with(spec, model))
    if start is not None:
        query = query.where(Entry.entry_date >= start)
    if end is not None:
        query = query.where(Entry.entry_date <= end)
    query = query.order_by(Entry.entry_date.desc(), Entry.id.desc())
    shown: list[Entry] = []
    left_out = 0
    for entry in session.scalars(query):
        if entry.reflection_model != spec.reflection_model and not _has_headings(entry, model):
            continue
        if entry.private and not include_private:
            left_out += 1
            continue
        if len(shown) < spec.limit:
            shown.append(entry)
    return list(reversed(shown)), left_out


def _written_with(spec: FormSpec, model: ReflectionModel | None) -> ColumnElement[bool]:
    """Reflections written with the form's model: chosen in the window, or (from the command
    line, an editor, an imported journal) carrying its first heading, checked in full below."""
    chosen = Entry.reflection_model == spec.reflection_model
    if model is None:
        return chosen
    return or_(chosen, Entry.body.contains(model.sections[0].heading, autoescape=True))


def _has_headings(entry: Entry, model: ReflectionModel | None) -> bool:
    """Most of the model's sections are headings of the text (a form needs its answers)."""
    if model is None:
        return False
    present = headings_in(entry.body)
    found = sum(1 for s in model.sections if " ".join(s.heading.split()).casefold() in present)
    return found * 2 > len(model.sections)


def fill_form(
    session: Session,
    spec: FormSpec,
    *,
    entry_ids: Sequence[int] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_private: bool = False,
    anonymize_mentors: bool = False,
) -> FilledForm:
    """The form filled from the journal, ready to lay out."""
    entries, left_out = choose_entries(
        session,
        spec,
        entry_ids=entry_ids,
        start=start,
        end=end,
        include_private=include_private,
    )
    if not entries:
        where = "" if start is None and end is None else " in that period"
        raise InputError(
            f"form {spec.id!r}: no reflection{where} was written with the "
            f"{spec.reflection_model!r} reflection model"
            + (f" ({plural(left_out, 'private one')} left out)" if left_out else "")
            + "; write one, or name reflections with --entries"
        )
    details = read_details(session, spec)
    mentor_names = mentors_in_order(session) + [
        details[d.key] for d in spec.details if d.mentor and details.get(d.key)
    ]
    names = MentorNames(mentor_names, anonymize=anonymize_mentors)
    context = _Context(session, spec, details, names, start, end)
    form = FilledForm(spec, accounts=len(entries), private_left_out=left_out)
    for page in spec.pages_before:
        form.pages.append(context.page(page, None, page.heading))
    for number, entry in enumerate(entries, start=1):
        heading = f"{spec.account.heading} {number}"
        form.pages.append(context.page(spec.account, entry, heading))
    for page in spec.pages_after:
        form.pages.append(context.page(page, None, page.heading))
    form.missing = context.missing
    return form


class _Context:
    """What every box may draw on, read once per form."""

    def __init__(
        self,
        session: Session,
        spec: FormSpec,
        details: dict[str, str],
        names: MentorNames,
        start: dt.date | None,
        end: dt.date | None,
    ) -> None:
        self.session = session
        self.spec = spec
        self.details = details
        self.names = names
        self.period = (start, end)
        owner = get_setting(session, OWNER_NAME, "")
        role = get_setting(session, OWNER_ROLE, "")
        self.owner = (
            owner if isinstance(owner, str) else "",
            role if isinstance(role, str) else "",
        )
        self.missing: list[str] = []
        self.model = spec.model
        self.prompts = model_prompts(self.model)

    def page(self, page: Page, entry: Entry | None, heading: str) -> FilledPage:
        sections = section_texts(entry.body, self.prompts) if entry is not None else {}
        fields = tuple(self.field(f, entry, sections, heading) for f in page.fields)
        return FilledPage(heading, fields, page.note)

    def field(
        self, spec: Field, entry: Entry | None, sections: dict[str, str], heading: str
    ) -> FilledField:
        source = spec.source
        if source == "blank":
            return FilledField(spec.label, "blank", group=spec.group)
        if source == "choices":
            model_choices = self._choices(spec.section)
            text = sections.get(spec.section.casefold(), "")
            return FilledField(
                spec.label, "choices", choices=ticked(text, model_choices), group=spec.group
            )
        text = self._text(spec, entry, sections)
        if not text.strip():
            self.missing.append(f"{heading}: {spec.group + ', ' if spec.group else ''}{spec.label}")
        return FilledField(spec.label, "text", text, long=spec.long, group=spec.group)

    def _choices(self, heading: str) -> tuple[str, ...]:
        for section in self.model.sections if self.model is not None else ():
            if section.heading.casefold() == heading.casefold():
                return section.choices
        return ()

    def _text(self, spec: Field, entry: Entry | None, sections: dict[str, str]) -> str:
        source = spec.source
        if source == "entry.date" and entry is not None:
            return entry.entry_date.strftime("%-d %B %Y")
        if source == "entry.title" and entry is not None:
            return self.names.text(entry.title)
        if source == "entry.skills" and entry is not None:
            rows = self.session.execute(
                select(Skill.code, Skill.name)
                .join(EntrySkill, EntrySkill.skill_id == Skill.id)
                .where(EntrySkill.entry_id == entry.id)
                .order_by(Skill.code)
            ).all()
            return "; ".join(f"{code} {name}" for code, name in rows)
        if source == "entry.mentors" and entry is not None:
            mentors = self.session.scalars(
                select(FeedbackItem.mentor)
                .join(EntryFeedback, EntryFeedback.feedback_item_id == FeedbackItem.id)
                .where(EntryFeedback.entry_id == entry.id)
                .distinct()
            ).all()
            return ", ".join(sorted({self.names.name(m) for m in mentors if m}))
        if source == "section":
            text = sections.get(spec.section.casefold(), "")
            return self.names.text(_prose(text, self._choices(spec.section)))
        if source == "owner.name":
            return self.owner[0]
        if source == "owner.role":
            return self.owner[1]
        if source == "detail":
            value = self.details.get(spec.key, "")
            if self.spec.detail(spec.key).date and value:
                return dt.date.fromisoformat(value).strftime("%-d %B %Y")
            if self.spec.detail(spec.key).mentor:
                return self.names.name(value) if value else ""
            return value
        if source == "period":
            start, end = self.period
            return " to ".join(d.strftime("%-d %B %Y") for d in (start, end) if d is not None)
        return ""
