"""A --db that looks like a forgotten path (a command's name, or a new file without a journal
suffix) is not made a journal by the window without asking (issue 20, finding 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import plnjournal.cli.window as window
from plnjournal.cli import main


@pytest.fixture
def gui_calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[Path, Any]]:
    """The window's start, recorded instead of run, with a display; in a scratch folder."""
    calls: list[tuple[Path, Any]] = []

    def run_gui(path: Path, **kw: Any) -> int:
        calls.append((path, kw))
        return 0

    monkeypatch.setattr(window, "run_gui", run_gui)
    monkeypatch.setattr(window, "display_problem", lambda *_a, **_k: "")
    monkeypatch.chdir(tmp_path)
    return calls


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--db", "stats", "gui", "--smoke-test"], "stats"),
        (["--db=feedback-inbox", "gui", "--smoke-test"], "feedback-inbox"),
        (["--db", "notes", "gui", "--smoke-test"], "notes"),
        (["--db", "my journal.txt", "gui", "--smoke-test"], "my journal.txt"),
    ],
)
def test_where_no_one_can_confirm_a_doubtful_new_journal_is_refused(
    gui_calls: list[tuple[Path, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    named: str,
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("plnjournal: error: --db ") and named in err
    assert len(err.strip().splitlines()) == 1, err
    assert "nothing was created" in err
    assert gui_calls == [] and list(tmp_path.iterdir()) == []


def test_a_command_s_name_says_how_to_run_the_command(
    gui_calls: list[tuple[Path, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", "stats", "gui", "--smoke-test"]) == 2
    assert "plnjournal --db JOURNAL stats" in capsys.readouterr().err


def test_a_path_without_a_journal_suffix_suggests_one(
    gui_calls: list[tuple[Path, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", "notes", "gui", "--smoke-test"]) == 2
    err = capsys.readouterr().err
    assert ".sqlite3" in err and "notes.sqlite3" in err


@pytest.mark.parametrize("argv", [["--db", "stats"], ["--db=notes"], ["--db", "search", "gui"]])
def test_the_window_asks_before_making_a_doubtful_journal(
    gui_calls: list[tuple[Path, Any]], tmp_path: Path, argv: list[str]
) -> None:
    assert main(argv) == 0
    ((path, kw),) = gui_calls
    name = argv[0].removeprefix("--db=") if len(argv) == 1 else argv[1]
    assert path == Path(name)
    assert kw["confirm_new"] and name in kw["confirm_new"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["j.sqlite3", "j.sqlite", "j.db", "j.PLN", "sub/j.sqlite3"])
def test_a_new_journal_with_a_journal_suffix_is_not_questioned(
    gui_calls: list[tuple[Path, Any]], tmp_path: Path, name: str
) -> None:
    (tmp_path / "sub").mkdir()
    assert main(["--db", name]) == 0
    assert gui_calls[0][1]["confirm_new"] is None


def test_an_existing_journal_named_like_a_command_opens_as_it_is(
    gui_calls: list[tuple[Path, Any]], tmp_path: Path
) -> None:
    assert main(["--db", "stats", "add", "A journal named stats, on purpose."]) == 0
    assert main(["--db", "stats"]) == 0
    assert main(["--db", "stats", "gui", "--smoke-test"]) == 0
    assert [kw["confirm_new"] for _p, kw in gui_calls] == [None, None]


def test_without_db_the_default_journal_is_not_questioned(
    gui_calls: list[tuple[Path, Any]],
) -> None:
    assert main([]) == 0
    assert gui_calls[0][1]["confirm_new"] is None
