"""Temporary files hold the journal's words: they live in one private folder of the process's
own (``paths.scratch_dir``), gone when it exits, and a killed run's folder is removed by the
next (issue 19, finding 4)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from plnjournal import paths
from tests.cli.conftest import Cli

SECRET = "Wombatquill"


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private runtime folder of the test's own, as a desktop session gives."""
    folder = tmp_path / "xdg-runtime"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.setattr(paths, "_scratch", None)
    yield folder / "plnjournal"
    paths.remove_scratch()


def _editor(tmp_path: Path, record: Path) -> dict[str, str]:
    """An 'editor' that notes the file it was given, its folder's mode, and edits the text."""
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, stat, sys\n"
        "p = sys.argv[1]\n"
        "folder = os.path.dirname(p)\n"
        f"json.dump({{'file': p, 'folder_mode': stat.S_IMODE(os.stat(folder).st_mode),"
        f" 'file_mode': stat.S_IMODE(os.stat(p).st_mode)}}, open({str(record)!r}, 'w'))\n"
        "s = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(s.replace('draft', 'final'))\n"
    )
    script.chmod(0o700)
    return {"VISUAL": str(script)}


def _run(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plnjournal", *argv],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and processes")
def test_the_editor_file_is_private_and_gone_with_its_folder_at_exit(
    tmp_path: Path, runtime: Path
) -> None:
    db = tmp_path / "j.sqlite3"
    env = {"XDG_RUNTIME_DIR": str(runtime.parent), "PLNJOURNAL_HOME": str(tmp_path / "home")}
    assert (
        _run("--db", str(db), "add", "--title", SECRET, f"A draft {SECRET}", env=env).returncode
        == 0
    )
    record = tmp_path / "seen.json"
    done = _run("--db", str(db), "edit", "1", env={**env, **_editor(tmp_path, record)})
    assert done.returncode == 0, done.stderr
    seen = json.loads(record.read_text())
    given = Path(seen["file"])
    assert given.parent.parent == runtime / paths.SCRATCH  # scratch/<pid>.<random>/…
    assert (seen["folder_mode"], seen["file_mode"]) == (0o700, 0o600)
    assert not given.exists() and not given.parent.exists()
    assert list((runtime / paths.SCRATCH).iterdir()) == []
    assert stat.S_IMODE((runtime / paths.SCRATCH).stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX processes")
def test_a_killed_runs_scratch_folder_goes_at_the_next_run(tmp_path: Path, runtime: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    root = runtime / paths.SCRATCH
    root.mkdir(parents=True, mode=0o700)
    stale = root / f"{gone.pid}.k1ll3d"
    stale.mkdir(mode=0o700)
    (stale / ".reflection.md.x.md").write_text(f"the text {SECRET} was open in the editor")
    alive = root / f"{os.getpid()}.st1ll"  # a window still running: its folder stays
    alive.mkdir(mode=0o700)
    mine = paths.scratch_dir()
    assert mine.parent == root and stat.S_IMODE(mine.stat().st_mode) == 0o700
    assert not stale.exists() and alive.exists()
    assert paths.remove_stale_scratch() == []  # nothing else stale; its own folder kept
    paths.remove_scratch()
    assert not mine.exists()
    assert paths.remove_stale_scratch() == []
    alive.rmdir()


def test_an_import_dry_run_tries_the_journal_in_the_scratch_folder(
    cli: Cli, tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the shared temporary folder: the trial journal holds the imported text."""
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    seen: list[Path] = []
    real = paths.scratch_dir

    def noting() -> Path:
        seen.append(real())
        return seen[-1]

    monkeypatch.setattr("plnjournal.core.journal_io.importer.scratch_dir", noting)
    notes = tmp_path / "notes.txt"
    notes.write_text(f"[2026-11-27 09:00] {SECRET}. The day's words.\n")
    r = cli("import-journal", str(notes), "--dry-run", db=tmp_path / "new.sqlite3")
    assert r.code == 0, r.err
    assert "Would import 1 reflection" in r.out
    assert seen and seen[0].parent == runtime / paths.SCRATCH
    assert list(seen[0].iterdir()) == []  # the trial journal went with its folder
    assert list(shared.iterdir()) == []
