"""``plnjournal add`` on plain sqlite3 (issue 20, finding 13): the rows it writes are the
ones the full (SQLAlchemy) path writes, and whatever it does not cover goes the full way."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from plnjournal.core.journal import entries, quick_add
from plnjournal.storage.backup import backup_infos, copy_database, daily_backup
from tests.cli.conftest import Cli

# Every column of every table, but the moments a row was written.
TIMESTAMPS = {"created_at", "updated_at", "imported_at"}


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the full-text index's own tables included)."""
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in cols if c not in TIMESTAMPS] or ["rowid"]
            rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    conn.close()
    return out


@pytest.fixture
def journal(teaching_db: object, cli: Cli, db_path: Path) -> Path:
    """A journal at the current revision with the teaching framework, one reflection and
    today's daily backup made: the case the quick path covers."""
    assert cli("add", "First one.", "--date", "2026-01-02").code == 0
    daily_backup(db_path)
    assert [b.kind for b in backup_infos(db_path)] == ["daily"]
    return db_path


def full_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quick_add, "add_quickly", lambda *_a, **_k: None)


def quick_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> object:
        raise AssertionError("the full path was taken")

    monkeypatch.setattr(entries, "add_entry", refuse)


ADD = (
    "add",
    "Plenary @CL1 went well. The @Transitions were calm; @pl2 again, @transitions #not",
    "--date",
    "2026-03-04",
    "--time",
    "09:05",
    "--skill",
    "PL3",
    "--skill",
    "Managing transitions",
    "--private",
)


@pytest.mark.parametrize(
    "argv",
    [
        ADD,
        ("add", "Plain words only", "--date", "2026-03-04", "--time", "23:59"),
        ("add", "body text", "--title", "  A title  ", "--date", "2026-03-04", "--time", "00:00"),
    ],
)
def test_quick_add_writes_exactly_the_rows_of_the_full_path(
    journal: Path,
    tmp_path: Path,
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
) -> None:
    other = tmp_path / "other" / journal.name
    other.parent.mkdir()
    copy_database(journal, other)
    daily_backup(other)
    with monkeypatch.context() as m:
        full_path_only(m)
        slow = cli(*argv, db=other)
    with monkeypatch.context() as m:
        quick_path_only(m)
        quick = cli(*argv, db=journal)
    assert (quick.code, quick.out, quick.err) == (slow.code, slow.out, slow.err)
    assert quick.code == 0 and "Added reflection 2 on 2026-03-04" in quick.out
    assert dump(journal) == dump(other)
    if argv == ADD:  # the full-text index was filled by the trigger: the new words are found
        assert "Plenary" in cli("search", "calm", db=journal).out


def test_add_edit_writes_the_same_rows_both_ways(
    journal: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Composed in the editor, with skills and tags in the front matter."""
    script = tmp_path / "compose"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "p = sys.argv[1]\n"
        "s = open(p, encoding='utf-8').read().replace('title: \"\"', "
        "'title: Written in vim\\nskills: [PL1, Managing transitions]\\ntags: [duty, Yard]')\n"
        "open(p, 'w', encoding='utf-8').write(s + 'Body @CL1 from the @editor.\\n')\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))
    other = tmp_path / "other" / journal.name
    other.parent.mkdir()
    copy_database(journal, other)
    daily_backup(other)
    argv = ("add", "--edit", "--date", "2026-03-04", "--time", "10:00")
    with monkeypatch.context() as m:
        full_path_only(m)
        slow = cli(*argv, db=other)
    with monkeypatch.context() as m:
        quick_path_only(m)
        quick = cli(*argv, db=journal)
    assert (quick.code, quick.out, quick.err) == (slow.code, slow.out, slow.err)
    assert quick.code == 0, quick.err
    assert dump(journal) == dump(other)
    tags = sqlite3.connect(journal).execute("SELECT tag FROM entry_tags WHERE entry_id = 2")
    assert {t for (t,) in tags} >= {"editor", "duty"}


def test_quick_add_stores_what_the_full_path_stores_with_no_time(
    journal: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --time both paths take the minute now; the values are stored alike."""
    other = tmp_path / "other" / journal.name
    other.parent.mkdir()
    copy_database(journal, other)
    daily_backup(other)
    with monkeypatch.context() as m:
        full_path_only(m)
        assert cli("add", "Now-ish.", "--date", "2026-03-04", db=other).code == 0
    with monkeypatch.context() as m:
        quick_path_only(m)
        assert cli("add", "Now-ish.", "--date", "2026-03-04", db=journal).code == 0
    q, s = (
        sqlite3.connect(p)
        .execute("SELECT entry_time, created_at FROM entries WHERE id = 2")
        .fetchone()
        for p in (journal, other)
    )
    assert len(q[0]) == len(s[0]) and len(q[1]) == len(s[1])
    assert dt.time.fromisoformat(q[0]).second == 0
    dt.datetime.fromisoformat(q[1])


@pytest.mark.parametrize(
    "argv",
    [
        ("add", "An unknown skill", "--skill", "PL9"),  # the full path suggests close ones
        ("add", "Answers feedback", "--responds", "1"),
    ],
)
def test_what_the_quick_path_does_not_cover_goes_the_full_way_with_its_messages(
    journal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    before = dump(journal)
    with monkeypatch.context() as m:
        full_path_only(m)
        slow = cli(*argv)
    assert dump(journal) == before  # the full path refused too: nothing written
    quick = cli(*argv)
    assert (quick.code, quick.err) == (slow.code, slow.err)
    assert quick.code == 2 and quick.err.count("\n") == 1
    assert dump(journal) == before


def test_the_quick_path_leaves_the_day_s_first_write_to_the_full_path(
    journal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a day the full path opens the journal: it checks the whole file and backs it up."""
    taken: list[object] = []
    real: Callable[..., object] = quick_add.add_quickly

    def spy(*a: object, **k: object) -> object:
        taken.append(got := real(*a, **k))
        return got

    monkeypatch.setattr(quick_add, "add_quickly", spy)
    for info in backup_infos(journal):
        info.path.unlink()
    assert cli("add", "First of the day.").code == 0
    assert taken == [None]
    assert [b.kind for b in backup_infos(journal)] == ["daily"]
    assert cli("add", "Second of the day.").code == 0
    assert taken[1] is not None
    assert len(backup_infos(journal)) == 1


def test_a_missing_journal_is_created_by_the_full_path(cli: Cli, db_path: Path) -> None:
    assert cli("add", "The very first.").code == 0
    assert db_path.exists()
    assert "The very first" in cli("show").out


def test_a_journal_from_a_newer_version_is_refused_by_the_full_path(
    journal: Path, cli: Cli
) -> None:
    with sqlite3.connect(journal) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    r = cli("add", "From a newer version?")
    assert r.code != 0 and "newer version" in r.err


@pytest.mark.slow
def test_add_does_not_load_sqlalchemy(journal: Path) -> None:
    code = (
        "import sys\n"
        "from plnjournal.cli import main\n"
        f"assert main(['--db', {str(journal)!r}, 'add', 'Quick @CL1 note', '--skill', 'PL1']) == 0\n"
        "bad = [m for m in ('PySide6', 'matplotlib', 'sqlalchemy', 'alembic') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_damage_met_on_the_quick_path_sends_the_reflection_the_full_way(
    journal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []
    real = entries.add_entry

    def malformed(*_a: object, **_k: object) -> int:
        raise sqlite3.DatabaseError("database disk image is malformed")

    def full(*a: object, **k: object) -> object:
        taken.append("full")
        return real(*a, **k)

    monkeypatch.setattr(quick_add, "_insert", malformed)
    monkeypatch.setattr(entries, "add_entry", full)
    r = cli("add", "Met damage.", "--date", "2026-03-04")
    assert r.code == 0 and taken == ["full"]
    assert "Met damage." in cli("show").out


def test_damage_the_quick_path_does_not_meet_is_found_with_the_day_s_first_reflection(
    journal: Path, cli: Cli, teaching_db
) -> None:
    """The whole-file check grows with the journal, so it runs once a day, with the backup
    (docs/reliability.md, "A damaged journal")."""
    with teaching_db.session() as s:
        for i in range(300):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=i % 200)
            entries.add_entry(s, entry_date=day, title=f"day {i}", body="word " * 200)
    teaching_db.close()
    data = bytearray(journal.read_bytes())
    for i in range(len(data) - 4096 * 3, len(data) - 4096 * 2):
        data[i] = 0xA5
    journal.write_bytes(bytes(data))
    for info in backup_infos(journal):  # the next day
        info.path.unlink()
    r = cli("add", "Into a damaged journal.", "--date", "2026-03-04")
    assert r.code == 1 and "damaged" in r.err, r
    assert journal.read_bytes() == bytes(data)
