"""Property-based: every parser of user input raises the app's own error type, or nothing.

Framework files (JSON and CSV, bytes to journal) and the dates and times typed on the command
line. Whatever a parser accepts must also go into a journal without any other error: the
parser is the only gate. (Feedback files: tests/core/feedback/test_fuzz.py; search queries:
tests/storage/test_search.py.)
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plnjournal.core.dates import parse_date, parse_time
from plnjournal.core.frameworks.files import framework_text, parse_framework
from plnjournal.core.frameworks.spec import FrameworkSpec, load_builtin
from plnjournal.errors import PlnError

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Mutated real files are mostly still valid, so each example writes a whole framework: fewer.
FUZZ_WRITING = settings(FUZZ, max_examples=40)
TEACHING_JSON = framework_text(load_builtin("teaching"), "json").encode()
TEACHING_CSV = framework_text(load_builtin("teaching"), "csv").encode()


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    from plnjournal.storage.db import open_database

    database = open_database(tmp_path_factory.mktemp("fuzz") / "j.sqlite3")
    yield database
    database.close()


def accepts_cleanly(journal, data: bytes, file: str, fmt: str) -> None:
    """Parse; if accepted, import into an empty journal and one with a framework (rolled
    back). Only PlnError may escape either step."""
    from plnjournal.core.frameworks.spec import install_framework
    from plnjournal.core.frameworks.sync import import_framework

    try:
        spec = parse_framework(data, file, fmt)
    except PlnError as exc:
        assert exc.message.strip()
        return
    assert isinstance(spec, FrameworkSpec)
    for skill in spec.all_skills():
        assert skill.code.strip() and skill.name.strip()
        assert isinstance(skill.target_level, int)
        assert skill.cadence_days is None or skill.cadence_days > 0
    for with_framework in (False, True):
        session = journal._sessions()
        try:
            if with_framework:
                install_framework(session, load_builtin("software"))
                session.flush()
            import_framework(session, spec, skills_only=fmt == "csv", file=file)
            session.flush()
        except PlnError:
            pass
        finally:
            session.rollback()
            session.close()


def _mutate(data: bytes, edits: list) -> bytes:
    out = bytearray(data)
    for kind, pos, chunk in edits:
        pos %= max(len(out), 1)
        if kind == "flip" and out:
            out[pos] ^= chunk[0] or 0xFF
        elif kind == "cut":
            del out[pos:]
        elif kind == "insert":
            out[pos:pos] = chunk
        elif out:
            del out[pos : pos + len(chunk)]
    return bytes(out)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert", "delete"]),
        st.integers(min_value=0, max_value=50_000),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=4,
)

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ANY = JSON_VALUES | st.sampled_from(["", " ", "CL1", "x" * 2000])
LEVEL = st.integers(min_value=-3, max_value=12) | ANY
FRAMEWORK_SHAPED = st.fixed_dictionaries(
    {
        "name": ANY,
        "areas": st.lists(
            st.fixed_dictionaries(
                {
                    "name": ANY,
                    "skills": st.lists(
                        st.fixed_dictionaries(
                            {
                                "code": ANY,
                                "name": ANY,
                                "target_level": LEVEL,
                                "cadence_days": LEVEL,
                                "levels": ANY | st.lists(st.text(max_size=5), max_size=6),
                            }
                        ),
                        max_size=4,
                    )
                    | ANY,
                }
            ),
            max_size=3,
        )
        | ANY,
    },
    optional={
        "format": st.sampled_from(["plnjournal-framework"]) | ANY,
        "version": st.sampled_from([1]) | ANY,
        "scale": st.lists(st.fixed_dictionaries({"level": LEVEL, "label": ANY}), max_size=7) | ANY,
        "default_cadence_days": LEVEL,
        "description": ANY,
    },
)


@FUZZ
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(["json", "csv"]))
def test_framework_files_of_arbitrary_bytes(journal, data: bytes, fmt: str) -> None:
    accepts_cleanly(journal, data, f"f.{fmt}", fmt)


@settings(FUZZ, max_examples=100)
@given(data=FRAMEWORK_SHAPED)
def test_framework_json_shaped_nonsense(journal, data: dict) -> None:
    accepts_cleanly(journal, json.dumps(data).encode(), "f.json", "json")


@FUZZ_WRITING
@given(edits=EDITS)
def test_framework_json_mutated(journal, edits: list) -> None:
    accepts_cleanly(journal, _mutate(TEACHING_JSON, edits), "teaching.json", "json")


@FUZZ_WRITING
@given(edits=EDITS)
def test_framework_csv_mutated(journal, edits: list) -> None:
    accepts_cleanly(journal, _mutate(TEACHING_CSV, edits), "teaching.csv", "csv")


CSV_TEXT = st.text(
    alphabet=st.sampled_from(list(',;\t"\r\n 0123456789-_.abcdeglmnorstvCLÉ') + ["é", "—"]),
    max_size=300,
)
CSV_HEADERS = st.sampled_from(
    [
        "",
        "area,code,name,description,target_level\n",
        "area;code;name;description;target_level;cadence_days\n",
        "area,code,name,description,target_level,level_1,level_2,level_3,level_4,level_5\n",
        "area\tcode\tname\tdescription\ttarget_level\tlevel_0\tlevel_99\n",
    ]
)


@FUZZ
@given(header=CSV_HEADERS, body=CSV_TEXT)
def test_framework_csv_structured_noise(journal, header: str, body: str) -> None:
    accepts_cleanly(journal, (header + body).encode(), "f.csv", "csv")


@FUZZ
@given(text=st.text(max_size=40))
def test_dates_and_times_typed_by_hand(text: str) -> None:
    for parse in (
        lambda t: parse_date(t, what="--date", today=dt.date(2026, 11, 28)),
        lambda t: parse_time(t, what="--time"),
    ):
        try:
            value = parse(text)
        except PlnError as exc:
            assert exc.message.strip()
            continue
        assert isinstance(value, dt.date | dt.time)
