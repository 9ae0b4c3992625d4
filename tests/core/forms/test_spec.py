"""Form files: the built-in ones are valid; a broken one is refused with where each problem is."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from plnjournal.resources import folder

from plnjournal.core.forms.spec import available_forms, find_form, parse_form, read_form_file
from plnjournal.core.journal.reflection_models import load_reflection_models
from plnjournal.errors import InputError, ValidationError

MODELS = load_reflection_models()[0]


def _nmc() -> dict:
    text = folder("forms").joinpath("nmc-reflective-accounts.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_builtin_forms_are_valid_and_listed() -> None:
    forms, problems = available_forms()
    assert problems == []
    ids = [f.id for f in forms]
    assert ids == ["mentor-meeting-record", "nmc-reflective-accounts"]
    nmc = find_form("nmc-reflective-accounts")
    assert nmc.limit == 5 and nmc.reflection_model == "nmc_reflective_account"
    # The form's four questions, in the form's order, then the Code's themes.
    labels = [f.label for f in nmc.account.fields]
    assert labels[1].startswith("What was the nature of the CPD activity")
    assert labels[2].startswith("What did you learn")
    assert labels[3] == "How did you change or improve your practice as a result?"
    assert labels[4].startswith("How is this relevant to the Code?")
    assert [p.heading for p in nmc.pages_after] == ["Reflective discussion form"]


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.update(format="other"), "format", "plnjournal-form"),
        (lambda d: d["account"]["fields"][2].update({"from": "sectoin"}), "account.fields[2].from", "is not one of"),
        (lambda d: d["account"]["fields"][2].pop("section"), "account.fields[2]", "'section' is a required property"),
        (lambda d: d["account"]["fields"][1].update(section="Nowhere"), "account.fields[1].section", "is not a section of"),
        (lambda d: d["pages_after"][0]["fields"][1].update(key="pin_typo"), "pages_after[0].fields[1].key", "is not in 'details'"),
        (lambda d: d.update(reflection_model="no_such_model"), "reflection_model", "is not a reflection model"),
        (lambda d: d["account"]["fields"][1].update(section="What I learned", **{"from": "choices"}), "account.fields[1].section", "has no choices"),
        (lambda d: d["pages_after"][0]["fields"].append({"label": "Date", "from": "entry.date"}), "pages_after[0].fields[9].from", "account page"),
        (lambda d: d.update(extra=1), "(top)", "Additional properties"),
    ],
)  # fmt: skip
def test_a_broken_form_says_where(change, where, words) -> None:
    data = copy.deepcopy(_nmc())
    change(data)
    with pytest.raises(ValidationError) as caught:
        parse_form(data, "mine.json", MODELS)
    first = str(caught.value.problems[0])
    assert first.startswith(f"mine.json: {where}: "), first
    assert words in first


def test_a_users_form_is_read_and_a_broken_one_skipped(tmp_path: Path) -> None:
    own = copy.deepcopy(_nmc())
    own["id"] = "our-placement-record"
    (tmp_path / "ours.json").write_text(json.dumps(own), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    dup = copy.deepcopy(_nmc())
    (tmp_path / "dup.json").write_text(json.dumps(dup), encoding="utf-8")
    forms, problems = available_forms(tmp_path)
    assert "our-placement-record" in [f.id for f in forms]
    assert {p.file for p in problems} == {"broken.json", "dup.json"}
    assert "not JSON" in str(next(p for p in problems if p.file == "broken.json"))


def test_a_huge_or_binary_form_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (300 * 1024))
    with pytest.raises(InputError, match="larger than a form file"):
        read_form_file(big, MODELS)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="not UTF-8"):
        read_form_file(binary, MODELS)


def test_unknown_form_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match="nmc-reflective-accounts"):
        find_form("nmc")
