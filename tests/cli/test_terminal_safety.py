"""Text from other people never drives the terminal: escape sequences and other control
characters in imported titles and bodies are not sent to a terminal (issue 18, finding 9)."""

from __future__ import annotations

import io
import sys

import pytest

from plnjournal.cli import output
from plnjournal.core.journal.entries import add_entry
from tests.cli.conftest import Cli
from tests.conftest import TODAY

HOSTILE_TITLE = "Shift\x1b]0;owned\x07 \x1b[31mred\x1b[0m \x9b2J done\x08\x08"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", [("search", "Shift"), ("show",), ("stats",)])
def test_imported_text_cannot_drive_the_terminal(
    cli: Cli, teaching_db, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    with teaching_db.session() as s:
        add_entry(
            s, entry_date=TODAY, title=HOSTILE_TITLE, body=f"Body \x1bP+q\x1b\\ {HOSTILE_TITLE}"
        )
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    cli(*command, db=teaching_db.path)
    shown = screen.getvalue()
    assert not any(ord(c) < 32 and c not in "\n\t" for c in shown), repr(shown)
    assert not any(0x7F <= ord(c) <= 0x9F for c in shown), repr(shown)
    if command[0] != "stats":
        assert "Shift" in shown and "red" in shown and "done" in shown  # the words stay


def test_errors_quoting_a_file_are_cleaned_too(capsys: pytest.CaptureFixture[str]) -> None:
    output.print_error("f.csv:2: 'a\x1b[2Jb' is not a rating")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "a" in err and "b" in err
    assert err.count("\n") == 1


def test_json_and_pipes_keep_the_text_exact(capsys: pytest.CaptureFixture[str]) -> None:
    output.print_json({"title": "a\x1bb"})
    assert "\\u001b" in capsys.readouterr().out  # JSON escapes it: exact, and inert
