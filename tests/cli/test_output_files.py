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
