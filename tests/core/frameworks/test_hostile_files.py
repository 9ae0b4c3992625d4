"""Hostile framework files (issue 18): deep, huge, mistyped or absurdly large files are refused
with located one-line problems, never an unexpected error or an overflow in the database."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from plnjournal.core.feedback.text import MAX_JSON_DEPTH
from plnjournal.core.frameworks.csv_files import MAX_COLUMNS, spec_from_csv
from plnjournal.core.frameworks.files import (
    MAX_FRAMEWORK_BYTES,
    parse_framework,
    read_framework_file,
)
from plnjournal.core.frameworks.spec import (
    MAX_AREAS,
    MAX_CADENCE_DAYS,
    MAX_KEYWORDS,
    MAX_LEVELS,
    MAX_SKILLS,
)
from plnjournal.errors import ValidationError

TEACHING = json.loads(
    resources.files("plnjournal.resources").joinpath("frameworks/teaching.json").read_text()
)
HEADER = "area,code,name,description,target_level,cadence_days\n"


def problems(data: bytes | str, name: str = "f.json") -> list[str]:
    """The problems of a file that must be refused, each checked to be one short line."""
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ValidationError) as exc:
        parse_framework(raw, name, name.rsplit(".", 1)[1])
    found = [str(p) for p in exc.value.problems]
    for text in found:
        assert "\n" not in text and len(text) < 600, text[:200]
    return found


def changed(**over: object) -> str:
    doc = copy.deepcopy(TEACHING)
    doc.update(over)
    return json.dumps(doc, indent=1)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 400, 100_000])
def test_deeply_nested_json_is_refused_where_it_goes_too_deep(depth: int) -> None:
    text = changed(description="DEEP").replace('"DEEP"', "[" * depth + "]" * depth)
    (found,) = problems(text)
    assert f"the limit is {MAX_JSON_DEPTH}" in found and found.startswith("f.json:5:")


@pytest.mark.parametrize(
    "over",
    [
        {"version": "DIGITS"},
        {"version": float("nan")},
        {"default_cadence_days": 10**40},
        {"default_cadence_days": MAX_CADENCE_DAYS + 1},
        {"scale": [{"level": 10**300, "label": "a"}, {"level": 10**300 + 1, "label": "b"}]},
        {"scale": [{"level": n, "label": str(n)} for n in range(MAX_LEVELS + 1)]},
        {"name": ["a list"]},
        {"description": {"an": "object"}},
        {"areas": [{"name": {"a": 1}, "skills": []}]},
        {"areas": [{"name": "A", "skills": [{"code": ["a\nb"], "name": "N", "target_level": 3}]}]},
        {"areas": [{"name": "A", "skills": [{"code": "C", "name": 5.5, "target_level": 3.0}]}]},
        {"areas": [{"name": "A", "skills": [{"code": "C", "name": "N", "target_level": 10**99}]}]},
        {"areas": [{"name": f"A{i}", "skills": []} for i in range(MAX_AREAS + 1)]},
        {"areas": [{"name": "A", "skills": [{"code": f"C{i}"} for i in range(MAX_SKILLS + 1)]}]},
    ],
)
def test_huge_numbers_wrong_types_and_absurd_counts_are_located_problems(over: dict) -> None:
    text = changed(**over).replace('"DIGITS"', "9" * 4500)
    assert problems(text)


def test_too_many_keywords_for_one_skill() -> None:
    doc = copy.deepcopy(TEACHING)
    doc["areas"][0]["skills"][0]["keywords"] = [f"w{i}" for i in range(MAX_KEYWORDS + 1)]
    (found,) = problems(json.dumps(doc))
    assert f"the limit is {MAX_KEYWORDS}" in found


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.truncate(MAX_FRAMEWORK_BYTES + 1)
    with pytest.raises(ValidationError) as exc:
        read_framework_file(path)
    assert f"the limit is {MAX_FRAMEWORK_BYTES // 2**20} MB" in str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        'area,code,name,description,target_level,"bad\nheader"\nA,C1,N,D,3\n',
        HEADER + "A,C1,N,D," + "9" * 5000 + ",1\n",
        HEADER + "A,C1,N,D,3,1e308\n",
        HEADER + "A,C1,N,D,3," + "9" * 400 + ".0\n",
        "area,code,name,description,target_level,level_99999999999\nA,C1,N,D,3,x\n",
        "area,code,name,description,target_level,level_" + "9" * 5000 + "\nA,C1,N,D,3,x\n",
        HEADER + "".join(f"A{i},C{i},N{i},D,3,\n" for i in range(MAX_AREAS + 1)),
        HEADER + "".join(f"A,C{i},N{i},D,3,\n" for i in range(MAX_SKILLS + 1)),
        HEADER + "A,C1,N,D,3,,\n" + "x," * 200_000 + "\n",
    ],
)
def test_hostile_csv_files_are_located_problems(text: str) -> None:
    assert problems(text, "f.csv")


def test_three_hundred_thousand_columns_are_refused_by_count() -> None:
    header = HEADER.strip() + "," + ",".join(f"x{i}" for i in range(300_000))
    with pytest.raises(ValidationError) as exc:
        spec_from_csv(header + "\n", "wide.csv")
    (found,) = exc.value.problems
    assert f"300006 columns (the limit is {MAX_COLUMNS})" in found.message
