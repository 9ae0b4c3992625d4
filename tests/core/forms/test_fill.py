"""Filling a form: the right reflections, each box from its section, private ones kept out."""

from __future__ import annotations

import datetime as dt

import pytest

from plnjournal.core.forms.fill import (
    fill_form,
    model_prompts,
    read_details,
    save_details,
    section_texts,
    ticked,
)
from plnjournal.core.forms.spec import find_form
from plnjournal.core.journal.entries import add_entry
from plnjournal.core.journal.reflection_models import builtin_models, template_text
from plnjournal.core.journal.settings import OWNER_NAME, set_setting
from plnjournal.errors import InputError

NMC = "nmc-reflective-accounts"


def nmc_body(what: str, ticks: tuple[str, ...] = ("Preserve safety",)) -> str:
    """A reflection written from the model's own template, then answered."""
    model = next(m for m in builtin_models() if m.id == "nmc_reflective_account")
    text = template_text(model)
    for theme in ticks:
        text = text.replace(f"- [ ] {theme}", f"- [x] {theme}")
    text = text.replace("## What I learned\n", f"## What I learned\n\nLearned about {what}.\n", 1)
    text = text.replace(
        "## The activity, feedback or experience\n",
        f"## The activity, feedback or experience\n\nA study day on {what}.\n",
        1,
    )
    return text + f"\nIt matters for safety ({what}).\n"


def _add(s, day: dt.date, what: str, **kw):
    return add_entry(s, entry_date=day, title=f"Account on {what}", body=nmc_body(what), **kw)


def test_the_template_offers_the_codes_themes_as_tick_boxes() -> None:
    body = nmc_body("sepsis", ("Preserve safety", "Prioritise people"))
    model = next(m for m in builtin_models() if m.id == "nmc_reflective_account")
    sections = section_texts(body, model_prompts(model))
    choices = ticked(sections["how this is relevant to the code"], ["Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust"])  # fmt: skip
    assert choices == (
        ("Prioritise people", True),
        ("Practise effectively", False),
        ("Preserve safety", True),
        ("Promote professionalism and trust", False),
    )
    # The model's quoted question is not the writer's answer.
    assert sections["what i learned"] == "Learned about sepsis."


def test_the_five_most_recent_accounts_oldest_first_private_left_out(db) -> None:
    spec = find_form(NMC)
    with db.session() as s:
        set_setting(s, OWNER_NAME, "Ada Nurse")
        for i in range(7):
            _add(s, dt.date(2026, 3, 1) + dt.timedelta(days=30 * i), f"topic{i}")
        _add(s, dt.date(2026, 11, 20), "secret-topic", private=True)
        add_entry(s, entry_date=dt.date(2026, 11, 21), title="Other", body="## Description\n\nx")
    with db.session() as s:
        form = fill_form(s, spec)
    assert form.accounts == 5 and form.private_left_out == 1
    headings = [p.heading for p in form.pages]
    assert headings == [f"Reflective account {n}" for n in range(1, 6)] + [
        "Reflective discussion form"
    ]
    learned = [p.fields[2].text for p in form.pages[:5]]
    assert learned == [f"Learned about topic{i}." for i in range(2, 7)]
    assert all("secret-topic" not in f.text for p in form.pages for f in p.fields)
    assert form.pages[0].fields[0].text == "30 April 2026"  # the date box
    themes = form.pages[0].fields[4]
    assert themes.kind == "choices" and ("Preserve safety", True) in themes.choices
    # The Code box's prose has the tick lines taken out.
    assert form.pages[0].fields[5].text == "It matters for safety (topic2)."
    assert form.pages[-1].fields[0].text == "Ada Nurse"
    assert "private reflection left out" in form.summary()


def test_a_private_reflection_only_when_asked(db) -> None:
    spec = find_form(NMC)
    with db.session() as s:
        secret = _add(s, dt.date(2026, 5, 1), "secret-topic", private=True).id
    with db.session() as s, pytest.raises(InputError, match="no reflection"):
        fill_form(s, spec)
    with db.session() as s, pytest.raises(InputError, match="is private"):
        fill_form(s, spec, entry_ids=[secret])
    with db.session() as s:
        form = fill_form(s, spec, entry_ids=[secret], include_private=True)
    assert form.pages[0].fields[2].text == "Learned about secret-topic."


def test_the_period_and_chosen_reflections(db) -> None:
    spec = find_form(NMC)
    with db.session() as s:
        ids = [_add(s, dt.date(2026, m, 1), f"m{m}").id for m in (1, 4, 7, 10)]
    with db.session() as s:
        form = fill_form(s, spec, start=dt.date(2026, 3, 1), end=dt.date(2026, 8, 1))
        assert [p.fields[2].text for p in form.pages[:2]] == [
            "Learned about m4.",
            "Learned about m7.",
        ]
        chosen = fill_form(s, spec, entry_ids=[ids[3], ids[0]])
        assert [p.fields[2].text for p in chosen.pages[:2]] == [
            "Learned about m1.",
            "Learned about m10.",
        ]
        with pytest.raises(InputError, match="reflection 999: there is no such"):
            fill_form(s, spec, entry_ids=[999])


def test_details_are_kept_and_mentor_names_anonymized(db) -> None:
    spec = find_form("mentor-meeting-record")
    body = (
        "## Focus of the meeting\n\nBehaviour with 9X; Mr Hughes watched.\n\n"
        "## What went well\n\nRoutines.\n\n## What we discussed\n\nMr Hughes asked why.\n\n"
        "## Agreed actions\n\nSeating plan.\n\n## Support and next meeting\n\nFriday.\n"
    )
    with db.session() as s:
        add_entry(s, entry_date=dt.date(2026, 10, 2), title="Meeting", body=body)
        save_details(s, spec, {"mentor_name": "Mr Hughes", "school": "Hill School"})
        with pytest.raises(InputError, match="not one of its details"):
            save_details(s, spec, {"pin": "x"})
    with db.session() as s:
        assert read_details(s, spec)["school"] == "Hill School"
        named = fill_form(s, spec)
        hidden = fill_form(s, spec, anonymize_mentors=True)
    by_label = {f.label: f.text for f in named.pages[0].fields}
    assert by_label["Mentor"] == "Mr Hughes"
    hidden_text = " ".join(f.text for f in hidden.pages[0].fields)
    assert "Hughes" not in hidden_text and "Mentor A" in hidden_text
