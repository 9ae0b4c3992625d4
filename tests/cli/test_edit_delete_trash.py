"""edit, delete, the trash and add --edit from the command line (issue 20, finding 4)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    """An 'editor' that replaces ``old`` with ``new`` in the file it is given."""
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "p = sys.argv[1]\n"
        "s = open(p, encoding='utf-8').read()\n"
        f"open(p, 'w', encoding='utf-8').write(s.replace({old!r}, {new!r}))\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_edit_saves_changes_and_keeps_the_old_text(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "j.sqlite3"
    cli("add", "--title", "Handover", "The handover went badly.", db=db)
    _editor(tmp_path, monkeypatch, "went badly", "went better than I feared")
    r = cli("edit", "1", db=db)
    assert r.code == 0, r.err
    assert _rows(db, "SELECT body FROM entries") == [("The handover went better than I feared.",)]
    assert _rows(db, "SELECT title, body FROM entry_revisions") == [
        ("Handover", "The handover went badly.")
    ]
    _editor(tmp_path, monkeypatch, "no such words", "x")  # nothing changes
    r = cli("edit", "1", db=db)
    assert r.code == 0 and "Nothing changed" in r.out
    assert len(_rows(db, "SELECT id FROM entry_revisions")) == 1
    assert cli("edit", "99", db=db).code == 2


def test_edit_without_an_editor_says_how_to_set_one(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "j.sqlite3"
    cli("add", "Note", db=db)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    r = cli("edit", "1", db=db)
    assert r.code == 2 and "EDITOR" in r.err


def test_delete_to_the_trash_restore_and_empty(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    cli("add", "--skill", "x", "never", db=db)  # no framework: refused, adds nothing
    cli("skills", "import", "teaching", db=db)
    cli("add", "First @PA1 @calm", db=db)
    cli("add", "Second", db=db)
    r = cli("delete", "1", "--yes", db=db)
    assert r.code == 0, r.err
    assert _rows(db, "SELECT id FROM entries") == [(2,)]
    listed = cli("trash", "list", "--json", db=db).json()
    assert [(t["entry_id"], t["title"]) for t in listed] == [(1, "First @PA1 @calm")]
    r = cli("trash", "restore", str(listed[0]["id"]), db=db)
    assert r.code == 0, r.err
    (back,) = [e for e in cli("show", "1", "--json", db=db).json()]
    assert back["skills"] == ["PA1"] and back["tags"] == ["calm"]
    assert cli("trash", "list", "--json", db=db).json() == []
    cli("delete", "1", "2", "--yes", db=db)
    r = cli("trash", "empty", "--yes", db=db)
    assert r.code == 0 and "2" in r.out
    assert _rows(db, "SELECT count(*) FROM trash") == [(0,)]
    assert cli("delete", "42", "--yes", db=db).code == 2


def test_add_edit_composes_in_the_editor(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "j.sqlite3"
    script = tmp_path / "compose"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "p = sys.argv[1]\n"
        "s = open(p, encoding='utf-8').read().replace('title: \"\"', 'title: Written in vim')\n"
        "open(p, 'w', encoding='utf-8').write(s + 'Body from the editor.\\n')\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))
    r = cli("add", "--edit", db=db)
    assert r.code == 0, r.err
    assert _rows(db, "SELECT title, body FROM entries") == [
        ("Written in vim", "Body from the editor.")
    ]


def test_respond_edit_writes_the_answer_in_the_editor(
    cli: Cli, tmp_path: Path, monkeypatch
) -> None:
    """respond ID --edit opens the quoted feedback in the editor; what is written there is
    the answer (issue 20, finding 11)."""
    db = tmp_path / "j.sqlite3"
    cli("skills", "import", "teaching", db=db)
    feedback = tmp_path / "f.csv"
    feedback.write_text("date,mentor,skill,rating,comment\n2026-10-01,Ms Okafor,PA1,1,Call home.\n")
    assert cli("import-feedback", str(feedback), db=db).code == 0
    _editor(tmp_path, monkeypatch, "**What I hear in this feedback:** ", "I avoid the call. ")
    r = cli("respond", "1", "--edit", db=db)
    assert r.code == 0, r.err
    (body,) = _rows(db, "SELECT body FROM entries")[0:1]
    assert "I avoid the call." in body[0] and "> Call home." in body[0]
    assert cli("feedback-inbox", "--json", db=db).json() == []


def test_highlight_marks_and_undo_takes_the_mark_all_or_none(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    cli("add", "--title", "Handover", "The handover went badly.", db=db)
    cli("add", "--title", "Phone call", "I called Bea's mother.", db=db)
    r = cli("highlight", "1", "2", db=db)
    assert r.code == 0, r.err
    assert "Marked reflection 1 (Handover)" in r.out
    assert _rows(db, "SELECT id, highlight FROM entries ORDER BY id") == [(1, 1), (2, 1)]
    r = cli("highlight", "2", "--undo", db=db)
    assert r.code == 0 and _rows(db, "SELECT id FROM entries WHERE highlight") == [(1,)]
    r = cli("highlight", "2", "99", db=db)
    assert r.code == 2 and "entry 99 does not exist" in r.err and "Traceback" not in r.err
    assert _rows(db, "SELECT id FROM entries WHERE highlight") == [(1,)]  # nothing changed
