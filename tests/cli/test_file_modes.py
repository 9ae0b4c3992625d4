"""Nothing readable left lying around: every file a session of commands writes is the user's
own (0600) and every folder it makes is 0700 (issue 19, finding 4, in part)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from plnjournal import paths
from plnjournal.cli import cmd_read
from tests.cli.conftest import Cli


def _loose(files: list[Path]) -> list[tuple[str, str]]:
    """The files and folders among ``files`` that anyone but the user may read or enter."""
    return [
        (str(p), oct(stat.S_IMODE(p.stat().st_mode)))
        for p in files
        if not p.is_symlink() and stat.S_IMODE(p.stat().st_mode) & 0o077
    ]


def _snooping_editor(tmp_path: Path, watch: list[Path], record: Path) -> str:
    """An 'editor' that, while ``edit`` waits for it (the journal open, the text in the
    scratch folder), notes the mode of every file in ``watch`` and of the file it was given."""
    script = tmp_path / "snooping-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, pathlib, stat, sys\n"
        "given = pathlib.Path(sys.argv[1])\n"
        f"seen = [given, given.parent] + [p for w in {[str(w) for w in watch]!r}\n"
        "        for p in pathlib.Path(w).rglob('*')]\n"
        f"json.dump({{str(p): stat.S_IMODE(p.stat().st_mode) for p in seen if p.exists()}},\n"
        f"          open({str(record)!r}, 'w'))\n"
        "given.write_text(given.read_text() + '\\nAnd later, more.\\n')\n"
    )
    script.chmod(0o700)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_written_is_the_users_own(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    """Every command's outputs: the journal and its -wal/-shm (seen while ``edit`` has it
    open), backups, the log, exports, charts, the PDF, feedback templates, the scratch folder
    and what is in it."""
    os.umask(0o022)  # a typical user's: the app must not rely on a stricter one
    home = Path(os.environ["PLNJOURNAL_HOME"])
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700)  # as a desktop session makes it
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(paths, "_scratch", None)
    work = tmp_path / "work"
    work.mkdir(mode=0o755)
    db = work / "journal.sqlite3"
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    feedback = tmp_path / "feedback.csv"
    feedback.write_text("date,mentor,skill,rating,comment\n2026-11-04,Ms O,PA1,2,More.\n")
    notes = tmp_path / "old.txt"
    notes.write_text("[2026-10-01 09:00] From the old journal.\n")
    record = tmp_path / "seen.json"
    monkeypatch.setenv("VISUAL", _snooping_editor(tmp_path, [work, runtime], record))

    def run(*argv: str) -> None:
        r = cli(*argv, db=db)
        assert r.code == 0, (argv, r.err)

    run("skills", "import", "teaching")
    run("add", "--date", "2026-11-02", "A reflection @PA1")
    run("add", "--private", "--date", "2026-11-03", "A private one @PA1")
    run("edit", "1")
    run("import-feedback", str(feedback))
    run("import-journal", str(notes), "--dry-run")
    run("import-journal", str(notes))
    run("backup")
    run("export-journal", str(out / "md"))
    run("export-journal", str(out / "all.json"))
    run("skills", "export", str(out / "fw.json"))
    run("skills", "export", str(out / "fw.xlsx"))
    run("export-evidence", str(out / "evidence"))
    run("feedback-template", str(out / "ask.csv"))
    run("chart", "calendar", str(out / "c.png"))
    run("chart", "heatmap", str(out / "h.svg"))
    run("chart", "trends", str(out / "t.pdf"))
    run("export-pdf", str(out / "report.pdf"), "--from", "2026-09-01")
    monkeypatch.setattr(cmd_read, "find_entries", lambda *a, **k: 1 / 0)  # a bug: logged
    assert cli("show", "1", db=db).code == 1
    paths.remove_scratch()  # what the command line's exit does

    seen = json.loads(record.read_text())
    assert any(name.endswith("-wal") for name in seen) and any("scratch" in n for n in seen)
    assert {name: oct(mode) for name, mode in seen.items() if mode & 0o077} == {}
    names = {p.name for p in out.iterdir()}
    assert {"md", "all.json", "c.png", "h.svg", "t.pdf", "report.pdf", "ask.csv"} <= names
    assert {"fw.xlsx", "evidence"} <= names
    assert list((work / "backups").iterdir()) and list((home / "logs").iterdir())
    written = [p for base in (work, out, home, runtime) for p in base.rglob("*")]
    assert _loose(written) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_journal_left_readable_by_an_older_version_becomes_private(cli: Cli, tmp_path) -> None:
    db = tmp_path / "old.sqlite3"
    assert cli("add", "First", db=db).code == 0
    db.chmod(0o644)  # as the app used to leave it
    assert cli("add", "Second", db=db).code == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
