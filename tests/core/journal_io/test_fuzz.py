"""Property-based: whatever a journal file holds, reading and importing it raises the app's own
error type or nothing (jrnl text and JSON, Day One JSON, Markdown, our JSON export).

Seeds are the real example files in tests/fixtures, mutated byte by byte, plus arbitrary bytes
and structured noise. Whatever is read is also planned and written into a journal (rolled
back): the reader is the only gate.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plnjournal.core.journal_io.formats import FORMATS, read_journal
from plnjournal.errors import PlnError

FIXTURES = Path(__file__).parents[2] / "fixtures"
SEEDS = {
    "journal.txt": ("jrnl", (FIXTURES / "jrnl" / "journal.txt").read_bytes()),
    "journal.jrnl.json": ("jrnl-json", (FIXTURES / "jrnl" / "journal.jrnl.json").read_bytes()),
    "Journal.json": ("dayone", (FIXTURES / "dayone" / "Journal.json").read_bytes()),
    "2026-11-27.md": (
        "markdown",
        (FIXTURES / "markdown" / "obsidian" / "Daily" / "2026-11-27.md").read_bytes(),
    ),
}
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    folder = tmp_path_factory.mktemp("journal-fuzz")
    database = open_database(folder / "j.sqlite3")
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    database.fuzz_folder = folder  # where each example file is written
    yield database
    database.close()


@pytest.fixture(scope="module")
def archive_seed(journal) -> bytes:
    """Our own JSON export of a small journal, as a seed for the archive reader."""
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.journal_io.export import export_journal

    with journal.session() as s:
        add_entry(s, entry_date=dt.date(2026, 11, 3), title="Exported", body="Body #CL1")
    out = journal.fuzz_folder / "export.json"
    with journal.session() as s:
        export_journal(s, out, "json")
    data = out.read_bytes()
    out.unlink()
    return data


def read_and_write(journal, name: str, data: bytes, fmt: str | None) -> None:
    from plnjournal.core.journal_io.archive import restore_archive
    from plnjournal.core.journal_io.importer import _insert_entries, plan_import

    path = journal.fuzz_folder / name
    path.write_bytes(data)
    try:
        parsed = read_journal(path, fmt)
        session = journal._sessions()
        try:
            plan = plan_import(session, parsed)
            if plan.archive is not None:
                restore_archive(session, plan.archive)
            else:
                _insert_entries(session, plan, None)
            session.flush()
        finally:
            session.rollback()
            session.close()
    except PlnError as exc:
        assert exc.message.strip()
    finally:
        path.unlink(missing_ok=True)


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
        st.integers(min_value=0, max_value=20_000),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=4,
)


def test_the_seeds_are_valid(journal, archive_seed: bytes) -> None:
    for name, (fmt, data) in SEEDS.items():
        path = journal.fuzz_folder / name
        path.write_bytes(data)
        try:
            assert read_journal(path, fmt) is not None
        finally:
            path.unlink()


@FUZZ
@given(seed=st.sampled_from(sorted(SEEDS)), edits=EDITS, detect=st.booleans())
def test_mutated_journals(journal, seed: str, edits: list, detect: bool) -> None:
    fmt, data = SEEDS[seed]
    read_and_write(journal, seed, _mutate(data, edits), None if detect else fmt)


@FUZZ
@given(edits=EDITS)
def test_mutated_exports(journal, archive_seed: bytes, edits: list) -> None:
    read_and_write(journal, "export.json", _mutate(archive_seed, edits), "json")


@FUZZ
@given(
    data=st.binary(max_size=1500),
    name=st.sampled_from(["j.txt", "j.json", "j.md", "j.zip", "j"]),
    fmt=st.sampled_from([None, *sorted(FORMATS)]),
)
def test_arbitrary_bytes(journal, data: bytes, name: str, fmt: str | None) -> None:
    read_and_write(journal, name, data, fmt)


ITEM = st.dictionaries(
    st.sampled_from(
        ["date", "time", "title", "body", "tags", "starred", "creationDate", "timeZone", "text"]
    ),
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.text(max_size=30)
    | st.lists(st.text(max_size=8), max_size=3)
    | st.sampled_from(["2026-11-03", "25:99", "2026-02-30T08:00:00Z", "Europe/Nowhere"]),
)


@FUZZ
@given(entries=st.lists(ITEM, max_size=5), kind=st.sampled_from(["jrnl-json", "dayone"]))
def test_json_shaped_nonsense(journal, entries: list, kind: str) -> None:
    doc = {"tags": {}, "entries": entries} if kind == "jrnl-json" else {"entries": entries}
    read_and_write(journal, "j.json", json.dumps(doc).encode(), kind)


@FUZZ
@given(
    front=st.lists(
        st.tuples(
            st.sampled_from(["date", "time", "title", "tags", "private", "comfort", "skills"]),
            st.text(alphabet=st.sampled_from(list("[]{},:'\"-# 0123456789abcCL")), max_size=20),
        ),
        max_size=6,
    ),
    body=st.text(max_size=200),
)
def test_markdown_front_matter_noise(journal, front: list, body: str) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in front) + "---\n" + body
    read_and_write(journal, "2026-11-03 note.md", text.encode(), "markdown")
