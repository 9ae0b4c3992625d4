"""One rule for every command that writes a file: an existing file is kept unless --force, a
folder (or a name ending in '/') means "into this folder", a missing folder is an error and
creates nothing (issue 20, finding 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    ("argv", "name", "default"),
    [
        (("chart", "avoidance"), "c.png", "avoidance.png"),
        (("skills", "export"), "f.json", "framework.json"),
        (("export-pdf",), "r.pdf", "progress-report.pdf"),
    ],
)
def test_existing_files_folders_and_missing_folders(
    cli: Cli, demo_db, tmp_path: Path, argv: tuple[str, ...], name: str, default: str
) -> None:
    db = demo_db.path
    kept = tmp_path / name
    kept.write_bytes(b"mine")
    r = cli(*argv, str(kept), db=db)
    assert r.code == 2 and "--force" in r.err and kept.read_bytes() == b"mine"
    r = cli(*argv, str(kept), "--force", db=db)
    assert r.code == 0, r.err
    assert kept.read_bytes() != b"mine"
    folder = tmp_path / "out"
    folder.mkdir()
    r = cli(*argv, f"{folder}/", db=db)
    assert r.code == 0, r.err
    assert (folder / default).is_file()
    r = cli(*argv, f"{tmp_path}/nowhere/{name}", db=db)
    assert r.code == 2 and "no such folder" in r.err
    assert not (tmp_path / "nowhere").exists()


def test_backup_into_a_missing_folder_is_refused(cli: Cli, demo_db, tmp_path: Path) -> None:
    r = cli("backup", f"{tmp_path}/new/dir/", db=demo_db.path)
    assert r.code == 2 and "no such folder" in r.err
    assert not (tmp_path / "new").exists()


def test_export_journal_json_follows_the_rule(cli: Cli, demo_db, tmp_path: Path) -> None:
    db = demo_db.path
    kept = tmp_path / "all.json"
    kept.write_text("mine")
    r = cli("export-journal", str(kept), db=db)
    assert r.code == 2 and "--force" in r.err and kept.read_text() == "mine"
    assert cli("export-journal", str(kept), "--force", db=db).code == 0
    assert kept.read_text().startswith("{")
    folder = tmp_path / "out"
    folder.mkdir()
    assert cli("export-journal", f"{folder}/", "--format", "json", db=db).code == 0
    assert (folder / "journal.json").is_file()
    assert not list(tmp_path.glob(".all.json*"))  # no temporary file left beside it
