"""The CLI through ``main(argv)``: exit codes, one-line errors, JSON shapes, nothing half-written."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from plnjournal import __version__
from plnjournal.cli.context import Context
from tests.cli.conftest import Cli


def test_version(cli: Cli) -> None:
    r = cli("--version", db=None)
    assert r.code == 0 and __version__ in r.out


def test_add_search_stats(cli: Cli) -> None:
    assert (
        cli(
            "add",
            "--date",
            "2026-11-03",
            "--time",
            "16:40",
            "Parents evening. Hard talk with Dani's dad.",
        ).code
        == 0
    )
    assert (
        cli("add", "--date", "2026-11-04", "--title", "Marking", "A whole set of books").code == 0
    )
    hits = cli("search", "dad", "--json").json()
    assert hits == [
        {
            "entry_id": 1,
            "date": "2026-11-03",
            "title": "Parents evening.",
            "private": False,
            "snippet": "Hard talk with Dani's dad.",
            "highlights": [[22, 25]],
        }
    ]
    stats = cli("stats", "--json").json()
    assert stats == {
        "entries": 2,
        "skills": 0,
        "ratings": 0,
        "feedback_items": 0,
        "commitments": 0,
        "first_entry": "2026-11-03",
        "last_entry": "2026-11-04",
    }
    text = cli("search", "books").out
    assert "2026-11-04" in text and "Marking" in text
    assert "match" not in text  # all shown: nothing to explain
    text = cli("search", "dad OR books", "--limit", "1").out
    assert text.endswith("2 reflections match; shown: the best.\n")


def test_add_from_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("From a pipe. With a body.\n"))
    assert cli("add", "-").code == 0
    (hit,) = cli("search", "pipe", "--json").json()
    assert hit["title"] == "From a pipe." and hit["date"] == dt.date.today().isoformat()


def test_add_with_skill_and_unknown_skill(cli: Cli, db_path: Path) -> None:
    assert cli("demo", "--years", "1").code == 0
    before = cli("stats", "--json").json()["entries"]
    assert (
        cli(
            "add", "--skill", "cl1", "--skill", "Questioning to check understanding", "Linked."
        ).code
        == 0
    )
    r = cli("add", "--skill", "difficult conversations with parent", "Not linked.")
    assert r.code == 2
    assert r.err.startswith("plnjournal: error: --skill: unknown skill")
    assert "PA1 (Difficult conversations with parents)" in r.err
    assert cli("stats", "--json").json()["entries"] == before + 1
    conn = sqlite3.connect(db_path)
    codes = [
        r[0]
        for r in conn.execute(
            "SELECT s.code FROM entry_skills es JOIN skills s ON s.id = es.skill_id "
            "WHERE es.entry_id = (SELECT max(id) FROM entries) ORDER BY s.code"
        )
    ]
    conn.close()
    assert codes == ["CL1", "IN2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--date", "03/11/2026", "x"], "--date: '03/11/2026' is not a date"),
        (["add", "--date", "2026-02-30", "x"], "not a valid date"),
        (["add", "--time", "25:61", "x"], "--time"),
        (["add"], "nothing to add"),
        (["search", '""'], "nothing to search"),
        (["demo", "--years", "0"], "must be 1 or more"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exit_2_one_line_nothing_written(
    cli: Cli, db_path: Path, args: list[str], message: str
) -> None:
    r = cli(*args)
    assert r.code == 2, r.err
    assert r.err.startswith("plnjournal: error: ") and message in r.err
    assert "Traceback" not in r.err and r.err.count("\n") == 1
    assert not db_path.exists()  # refused before anything, even an empty journal, was made


def test_read_commands_never_create_a_journal(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    """A typo in --db must not leave an empty journal behind (only writing commands create)."""
    for args in (
        ["stats"],
        ["search", "x"],
        ["show"],
        ["avoidance"],
        ["skills", "list"],
        ["export-pdf", str(tmp_path / "r.pdf")],
        ["export-journal", str(tmp_path / "out")],
        ["backup"],
    ):
        r = cli(*args)
        assert r.code == 2, (args, r.err)
        assert f"no journal at {db_path}; nothing was created" in r.err, args
        assert not db_path.exists() and not (tmp_path / "r.pdf").exists(), args
    assert cli("add", "the first reflection").code == 0  # writing commands start one
    assert cli("stats", "--json").json()["entries"] == 1


def test_db_path_that_is_a_folder(cli: Cli, tmp_path: Path) -> None:
    r = cli("stats", db=tmp_path)
    assert r.code == 2 and "is a folder" in r.err and "Traceback" not in r.err


def test_file_that_is_not_a_database(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "essay.txt"
    path.write_text("not a journal")
    for args in (["stats"], ["add", "x"], ["search", "x"]):
        r = cli(*args, db=path)
        assert r.code == 2 and "not a PLN Journal database" in r.err
    assert path.read_text() == "not a journal"


def test_database_from_a_newer_version(cli: Cli, db_path: Path) -> None:
    assert cli("add", "x").code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    r = cli("add", "y")
    assert r.code == 1 and "newer version of PLN Journal" in r.err


def test_locked_database_is_reported_not_a_traceback(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("add", "x").code == 0
    import plnjournal.storage.dialect as dialect

    # A writer that never lets go: after waiting its (here shortened) patience, add gives up
    # with a one-line message and writes nothing.
    monkeypatch.setattr(dialect, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(dialect, "WRITE_PATIENCE_S", 0.3)
    holder = sqlite3.connect(db_path, timeout=0.05)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = cli("add", "y")
    finally:
        holder.rollback()
        holder.close()
    assert r.code == 1 and "busy" in r.err and "Traceback" not in r.err
    assert cli("stats", "--json").json()["entries"] == 1


def test_demo_refuses_non_empty_journal(cli: Cli) -> None:
    assert cli("add", "mine").code == 0
    r = cli("demo")
    assert r.code == 2 and "already has 1 reflections" in r.err and "--force" in r.err
    assert cli("stats", "--json").json()["entries"] == 1


def test_env_var_chooses_the_journal(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("PLNJOURNAL_DB", str(path))
    assert cli("add", "via env", db=None).code == 0
    assert path.exists()


def test_default_journal_lives_in_the_data_folder(cli: Cli, _isolated_home: Path) -> None:
    assert cli("add", "default place", db=None).code == 0
    assert (_isolated_home / "journal.sqlite3").exists()


@pytest.mark.slow
def test_read_commands_do_not_load_qt_matplotlib_or_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    code = (
        "import sys\n"
        "from plnjournal.cli import main\n"
        f"assert main(['--db', {str(path)!r}, 'add', 'hello world']) == 0\n"
        "assert 'PySide6' not in sys.modules and 'matplotlib' not in sys.modules\n"
        f"print(main(['--db', {str(path)!r}, 'stats']))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    code = (
        "import sys\n"
        "from plnjournal.cli import main\n"
        f"assert main(['--db', {str(path)!r}, 'stats', '--json']) == 0\n"
        f"assert main(['--db', {str(path)!r}, 'search', 'hello']) == 0\n"
        f"assert main(['--db', {str(path)!r}, 'show']) == 0\n"
        "bad = [m for m in ('PySide6', 'matplotlib', 'sqlalchemy', 'alembic') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    code = (
        "import sys\n"
        "from plnjournal.cli import main\n"
        "assert main(['--version']) == 0\n"
        "heavy = ('PySide6', 'matplotlib', 'sqlalchemy', 'alembic', 'plnjournal.storage.db')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_python_dash_m(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--version"], capture_output=True, text=True
    )
    assert r.returncode == 0 and __version__ in r.stdout


def test_a_plain_window_start_is_read_without_the_whole_parser() -> None:
    from plnjournal.cli import window_args

    args = window_args(["--db", "/tmp/j.sqlite3", "--debug"])
    assert args is not None
    assert (args.db, args.debug, args.command) == ("/tmp/j.sqlite3", True, None)
    args = window_args(["--db=/tmp/j.sqlite3"])
    assert args is not None and args.db == "/tmp/j.sqlite3"
    args = window_args([])
    assert args is not None and args.db is None
    # Anything else goes through the full parser, with its checks and messages.
    for argv in (["stats"], ["--version"], ["--db"], ["--db", "--debug"], ["--help"], ["gui"]):
        assert window_args(argv) is None, argv


def test_a_plain_window_start_opens_the_window_on_the_named_journal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import plnjournal.cli.window as window
    from plnjournal.cli import main

    opened: list[Path] = []

    def open_gui(args: argparse.Namespace, ctx: Context) -> int:
        opened.append(ctx.db_path)
        return 0

    monkeypatch.setattr(window, "open_gui", open_gui)
    assert main(["--db", str(tmp_path / "j.sqlite3")]) == 0
    assert opened == [tmp_path / "j.sqlite3"]
