"""Nothing readable left lying around: every file a session of commands writes is the user's
own (0600) and every folder it makes is 0700 (issue 19, finding 4, in part)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_written_is_the_users_own(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.umask(0o022)  # a typical user's: the app must not rely on a stricter one
    home = Path(os.environ["PLNJOURNAL_HOME"])
    work = tmp_path / "work"
    work.mkdir(mode=0o755)
    db = work / "journal.sqlite3"
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    assert cli("skills", "import", "teaching", db=db).code == 0
    assert cli("add", "A reflection @PA1", db=db).code == 0
    assert cli("backup", db=db).code == 0
    assert cli("export-journal", str(out / "md"), db=db).code == 0
    assert cli("export-journal", str(out / "all.json"), db=db).code == 0
    assert cli("skills", "export", str(out / "fw.json"), db=db).code == 0
    assert cli("feedback-template", str(out / "ask.csv"), db=db).code == 0
    assert cli("chart", "calendar", str(out / "c.png"), db=db).code == 0
    written = [p for base in (work, out, home) for p in base.rglob("*")]
    loose = [
        (str(p), oct(stat.S_IMODE(p.stat().st_mode)))
        for p in written
        if not p.is_symlink() and stat.S_IMODE(p.stat().st_mode) & (0o077 if p.is_file() else 0o077)
    ]
    assert loose == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_journal_left_readable_by_an_older_version_becomes_private(cli: Cli, tmp_path) -> None:
    db = tmp_path / "old.sqlite3"
    assert cli("add", "First", db=db).code == 0
    db.chmod(0o644)  # as the app used to leave it
    assert cli("add", "Second", db=db).code == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
