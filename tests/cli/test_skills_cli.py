"""``plnjournal skills``: list, import, export, matrix; bad files exit 2 and write nothing."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli

BUILTIN = resources.files("plnjournal.resources").joinpath("frameworks/software.json")


def _builtin(tmp_path: Path) -> Path:
    path = tmp_path / "software.json"
    path.write_bytes(BUILTIN.read_bytes())
    return path


def test_import_list_export_round_trip(cli: Cli, tmp_path: Path) -> None:
    r = cli("skills", "import", str(_builtin(tmp_path)))
    assert r.code == 0 and "27 skills added" in r.out
    listed = cli("skills", "list", "--json").json()
    assert len(listed) == 27
    assert set(listed[0]) >= {
        "code",
        "name",
        "area",
        "description",
        "target_level",
        "cadence_days",
        "archived",
    }
    assert cli("skills", "export", str(tmp_path / "out.json")).code == 0
    assert (tmp_path / "out.json").read_bytes() == BUILTIN.read_bytes()
    assert cli("skills", "export", str(tmp_path / "out.csv")).code == 0
    # Into an empty journal and out again: identical.
    other = tmp_path / "other.sqlite3"
    assert cli("skills", "import", str(tmp_path / "out.csv"), db=other).code == 0
    assert cli("skills", "export", str(tmp_path / "again.csv"), db=other).code == 0
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "out.csv").read_bytes()


def test_reimport_dry_run_and_summary(cli: Cli, tmp_path: Path) -> None:
    cli("skills", "import", str(_builtin(tmp_path)))
    cli("skills", "export", str(tmp_path / "mine.csv"))
    csv_path = tmp_path / "mine.csv"
    lines = csv_path.read_bytes().decode("utf-8").split("\r\n")
    csv_path.write_bytes("\r\n".join([lines[0], *lines[2:]]).encode("utf-8"))
    r = cli("skills", "import", str(csv_path), "--dry-run", "--json")
    assert r.code == 0 and r.json()["removed"] == ["CO1"] and r.json()["dry_run"] is True
    assert len(cli("skills", "list", "--json").json()) == 27
    r = cli("skills", "import", str(csv_path))
    assert r.code == 0 and "1 skill removed" in r.out
    assert len(cli("skills", "list", "--json").json()) == 26


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"area,code,name,description,target_level\nA,A1,One,,3\nA,a1,Two,,3\n",
            ["dup.csv:3: code: duplicate code 'a1' (first on line 2)"],
        ),
        (
            b"area,code,description,target_level\nA,A1,,3\n",
            ["dup.csv:1: name: required column is missing"],
        ),
        (
            b"area,code,name,description,target_level\nA,A1,One,,6\nA,A2,Two,,x\n",
            [
                "dup.csv:2: target_level: '6' is not a level of the scale 1–5",
                "dup.csv:3: target_level: 'x' is not a level of the scale 1–5",
            ],
        ),
        (
            b"area,code,name,description,target_level\nA,A1,\xff\xfeOne,,3\n",
            ["dup.csv:2: column 6: byte 0xFF is not UTF-8 text"],
        ),
    ],
    ids=["duplicate-code", "missing-column", "bad-target-level", "unreadable-bytes"],
)
def test_bad_files_exit_2_and_write_nothing(
    cli: Cli, tmp_path: Path, content: bytes, expected: list[str]
) -> None:
    cli("skills", "import", str(_builtin(tmp_path)))
    before = cli("skills", "list", "--json").json()
    bad = tmp_path / "dup.csv"
    bad.write_bytes(content)
    r = cli("skills", "import", str(bad))
    assert r.code == 2
    errors = r.err.strip().splitlines()
    assert len(errors) == len(expected) + 1
    for line, want in zip(errors, expected, strict=False):
        assert line.startswith(f"plnjournal: error: {want}")
    assert errors[-1].endswith("nothing was imported")
    assert cli("skills", "list", "--json").json() == before


def test_empty_journal_and_wrong_extension(cli: Cli, db: Database, tmp_path: Path) -> None:
    r = cli("skills", "list")
    assert r.code == 0 and "no skills framework yet" in r.out
    assert cli("skills", "list", "--json").json() == []
    r = cli("skills", "export", str(tmp_path / "x.json"))
    assert r.code == 1 and "no skills framework yet" in r.err
    r = cli("skills", "import", str(tmp_path / "x.docx"))
    assert r.code == 2 and "cannot tell the format" in r.err


def test_matrix_command(cli: Cli, demo_db: Database) -> None:
    rows = cli("skills", "matrix", "--as-of", "2026-11-28", "--json", db=demo_db.path).json()
    assert len(rows) == 27 and any(r["blind_spot"] for r in rows)
    pa1 = next(r for r in rows if r["code"] == "PA1")
    assert pa1["last_reflected"] is None and pa1["mentor"] is not None
    text = cli("skills", "matrix", "--as-of", "2026-11-28", db=demo_db.path).out
    assert "blind spot" in text and "PA1" in text


def test_keywords_add_remove_clear_and_list(cli: Cli, tmp_path: Path) -> None:
    assert cli("skills", "import", str(_builtin(tmp_path))).code == 0
    r = cli("skills", "keywords", "CO3")
    assert r.code == 0 and "CO3 Debugging systematically: no keywords" in r.out
    r = cli("skills", "keywords", "co3", "--add", "stack trace, bisect", "--add", "Breakpoint")
    assert r.code == 0
    assert r.out.splitlines()[1:] == ["  stack trace", "  bisect", "  Breakpoint"]
    r = cli("skills", "keywords", "CO3", "--remove", "BISECT", "flaky", "--json")
    assert r.json() == {"code": "CO3", "keywords": ["stack trace", "Breakpoint"]}
    assert "CO3 had no keyword 'flaky'" in r.err
    exported = tmp_path / "out.json"
    assert cli("skills", "export", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    co3 = next(s for a in data["areas"] for s in a["skills"] if s["code"] == "CO3")
    assert co3["keywords"] == ["stack trace", "Breakpoint"]
    r = cli("skills", "keywords", "CO3", "--clear", "--add", "gdb", "--json")
    assert r.json()["keywords"] == ["gdb"]


def test_keywords_of_an_unknown_skill_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    assert cli("skills", "import", str(_builtin(tmp_path))).code == 0
    r = cli("skills", "keywords", "CO9", "--add", "x")
    assert r.code == 2 and "unknown skill 'CO9'" in r.err and "Traceback" not in r.err


def test_a_built_in_framework_by_name(cli: Cli, tmp_path: Path) -> None:
    """`skills import teaching` installs the built-in framework; --help lists the names
    (issue 20, finding 10)."""
    db = tmp_path / "j.sqlite3"
    r = cli("skills", "import", "teaching", db=db)
    assert r.code == 0, r.err
    assert "Early-career teaching practice" in r.out
    listed = cli("skills", "list", "--json", db=db).json()
    assert any(s["code"] == "PA1" for s in listed)
    r = cli("skills", "import", "nope", db=tmp_path / "other.sqlite3")
    assert r.code == 2 and "nursing, software, teaching" in r.err
    assert not (tmp_path / "other.sqlite3").exists()
    parser_help = cli("skills", "import", "--help", db=None)
    assert "teaching" in parser_help.out and "nursing" in parser_help.out


def test_the_matrix_explains_its_columns(cli: Cli, demo_db: Database) -> None:
    """Every abbreviated column of the text matrix is explained under it (issue 20, 12)."""
    out = cli("skills", "matrix", db=demo_db.path).out
    for column in ("tgt:", "self:", "mntr:", "gap:", "s-m:", "last refl.:", "90d:", "blind spot:"):
        assert column in out, column
