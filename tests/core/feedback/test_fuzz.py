"""Property-based: whatever bytes arrive, the importer reports problems and never raises."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plnjournal.core.feedback.importer import ImportOptions, Source, plan_sources
from plnjournal.errors import PlnError

EXAMPLES = {
    item.name: item.read_bytes()
    for item in resources.files("plnjournal.resources").joinpath("examples").iterdir()
    if item.name.startswith("feedback")
}
NAMES = st.sampled_from(["f.csv", "f.tsv", "f.txt", "f.json", "f.md", "f.xlsx", "f"])
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path_factory.mktemp("fuzz") / "j.sqlite3")
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    yield database
    database.close()


def check(journal, name: str, data: bytes) -> None:
    try:
        with journal.session() as s:
            plan = plan_sources(s, [Source(name, data)], ImportOptions(date_format="%d/%m/%Y"))
    except PlnError:
        return  # our own error type, with a message for the user, is allowed
    for problem in plan.errors + plan.warnings:
        assert problem.file in (name, "--map") and problem.message.strip()
    for item in plan.items:  # whatever got through is a well-formed item
        assert item.file == name and item.mentor and item.skill.code
        assert item.level is None or 1 <= item.level <= 5


@FUZZ
@given(name=NAMES, data=st.binary(max_size=3000))
def test_arbitrary_bytes(journal, name: str, data: bytes) -> None:
    check(journal, name, data)


@FUZZ
@given(
    example=st.sampled_from(sorted(EXAMPLES)),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "cut", "insert", "delete"]),
            st.integers(min_value=0, max_value=10_000),
            st.binary(min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_valid_files(journal, example: str, edits: list) -> None:
    data = bytearray(EXAMPLES[example])
    for kind, pos, chunk in edits:
        pos %= max(len(data), 1)
        if kind == "flip" and data:
            data[pos] ^= chunk[0] or 0xFF
        elif kind == "cut":
            del data[pos:]
        elif kind == "insert":
            data[pos:pos] = chunk
        elif data:
            del data[pos : pos + len(chunk)]
    check(journal, Path(example).name, bytes(data))


TEXTY = st.text(
    alphabet=st.sampled_from(
        list(',;\t"\r\n :/-[]{}#*0123456789abcCLINPAratingdemos') + ["é", "—"]
    ),
    max_size=400,
)


@FUZZ
@given(
    name=NAMES,
    text=TEXTY,
    header=st.sampled_from(
        [
            "",
            "date,mentor,skill,rating,comment\n",
            "Timestamp,Name,Rate [CL1],Comments\n",
            "---\nmentor: x\ndate: 2026-11-03\n---\n## CL1\n",
            '{"items": [',
            '{"statements": [{"verb": {}, "object": {"id": "x/CL1"}, "result": ',
        ]
    ),
)
def test_structured_noise(journal, name: str, text: str, header: str) -> None:
    check(journal, name, (header + text).encode("utf-8"))


def test_examples_are_valid_before_mutation(journal) -> None:
    for name, data in EXAMPLES.items():
        with journal.session() as s:
            plan = plan_sources(s, [Source(name, data)])
        assert not plan.errors, (name, plan.errors)
        assert plan.new_count > 0
