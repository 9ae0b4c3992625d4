"""``plnjournal chart``: every kind to PNG, SVG and PDF, and the errors it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli
from tests.conftest import TODAY

MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.mark.parametrize(
    ("kind", "ext"),
    [
        ("avoidance", ".png"),
        ("heatmap", ".svg"),
        ("blindspots", ".pdf"),
        ("trends", ".png"),
        ("calendar", ".svg"),
    ],
)
def test_each_kind_writes_its_file(
    cli: Cli, demo_db: Database, tmp_path: Path, kind: str, ext: str
) -> None:
    (folder := tmp_path / "charts").mkdir()
    out = folder / f"{kind}{ext}"
    r = cli("chart", kind, str(out), "--to", TODAY.isoformat(), db=demo_db.path)
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(MAGIC[ext])
    assert f"Wrote the {kind} chart to {out}" in r.out
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left


def test_skill_period_and_dark(cli: Cli, demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    r = cli(
        "chart",
        "trends",
        str(out),
        "--skill",
        "as1",
        "--from",
        "2026-06-01",
        "--to",
        "2026-11-28",
        "--dark",
        db=demo_db.path,
    )
    assert r.code == 0, r.err
    svg = out.read_text()
    assert "AS1" in svg and "1 Jun 2026 – 28 Nov 2026" in svg and "#1e1f22" in svg.lower()


def test_errors(cli: Cli, demo_db: Database, tmp_path: Path) -> None:
    (tmp_path := tmp_path / "charts").mkdir()
    r = cli("chart", "avoidance", str(tmp_path / "a.jpg"), db=demo_db.path)
    assert r.code == 2 and "must end in .png, .svg or .pdf" in r.err
    r = cli("chart", "pie", str(tmp_path / "a.png"), db=demo_db.path)
    assert r.code == 2 and "invalid choice" in r.err
    r = cli("chart", "heatmap", str(tmp_path / "a.png"), "--skill", "PA9", db=demo_db.path)
    assert r.code == 2 and "--skill: unknown skill 'PA9'" in r.err
    r = cli(
        "chart",
        "heatmap",
        str(tmp_path / "a.png"),
        "--from",
        "2026-05-01",
        "--to",
        "2026-04-01",
        db=demo_db.path,
    )
    assert r.code == 2 and "--from 2026-05-01 is after --to 2026-04-01" in r.err
    r = cli("chart", "heatmap", str(tmp_path / "nope" / "a.png"), db=demo_db.path)
    assert r.code == 2 and "no such folder" in r.err
    assert not list(tmp_path.iterdir())
