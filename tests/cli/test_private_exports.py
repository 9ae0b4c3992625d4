"""``add --private`` promises "never exported unless asked": export-journal and chart leave
private reflections out unless --include-private, and say how many they left out; search --json
carries each hit's private flag (issue 19, finding 4)."""

from __future__ import annotations

import json
from pathlib import Path

from plnjournal.core.journal.commitments import add_commitment
from plnjournal.storage.db import open_database
from tests.cli.conftest import Cli

SECRET = "Quokkaphrase"  # a word only the private reflections hold


def _journal(cli: Cli, db: Path, *, private: bool = True) -> None:
    assert cli("skills", "import", "teaching", db=db).code == 0
    assert (
        cli("add", "--date", "2026-11-02", "--title", "Seating plan", "Moved @CL2", db=db).code == 0
    )
    if private:
        for day in ("2026-11-03", "2026-11-05", "2026-11-09"):
            r = cli(
                "add", "--private", "--date", day, "--title", f"{SECRET} {day}",
                f"The ward round {SECRET} @CL2", db=db,
            )  # fmt: skip
            assert r.code == 0, r.err


def test_export_journal_leaves_private_reflections_out_and_says_how_many(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    _journal(cli, db_path)
    database = open_database(db_path)
    try:  # a promise from a private reflection's "Now what?": its words are the reflection's
        with database.session() as s:
            add_commitment(s, f"Ask about {SECRET} again", entry_id=2)
            add_commitment(s, "Plan the seating", entry_id=1)
    finally:
        database.close()
    r = cli("export-journal", str(tmp_path / "md"))
    assert r.code == 0, r.err
    assert "Exported 1 reflection " in r.out
    assert "3 private reflections left out; --include-private to include them" in r.out
    files = list((tmp_path / "md").iterdir())
    assert len(files) == 1 and SECRET not in files[0].read_text(encoding="utf-8")

    r = cli("export-journal", str(tmp_path / "all.json"))
    assert r.code == 0 and "3 private reflections left out" in r.out
    text = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert SECRET not in text
    data = json.loads(text)
    assert [e["title"] for e in data["tables"]["entries"]] == ["Seating plan"]
    kept = {e["id"] for e in data["tables"]["entries"]}
    # What hangs on a private reflection goes with it: its skill links and its self-ratings.
    assert all(row["entry_id"] in kept for row in data["tables"]["entry_skills"])
    assert all(row["entry_id"] in kept for row in data["tables"]["ratings"] if row["entry_id"])
    assert [c["text"] for c in data["tables"]["commitments"]] == ["Plan the seating"]

    r = cli("export-journal", str(tmp_path / "period.json"), "--from", "2026-11-04", "--json")
    assert r.code == 0 and r.json()["private_left_out"] == 2


def test_include_private_exports_everything(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    _journal(cli, db_path)
    r = cli("export-journal", "--include-private", str(tmp_path / "md"))
    assert r.code == 0 and "Exported 4 reflections" in r.out and "left out" not in r.out
    assert sum(SECRET in p.read_text(encoding="utf-8") for p in (tmp_path / "md").iterdir()) == 3
    r = cli("export-journal", "--include-private", str(tmp_path / "all.json"), "--json")
    assert r.json()["private_left_out"] == 0
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert sum(e["private"] for e in data["tables"]["entries"]) == 3


def test_chart_draws_private_reflections_only_when_asked(cli: Cli, tmp_path: Path) -> None:
    """Without --include-private the chart is the very one drawn from a journal that never had
    the private reflections; with it, they are drawn."""
    with_private, without = tmp_path / "with.sqlite3", tmp_path / "without.sqlite3"
    _journal(cli, with_private)
    _journal(cli, without, private=False)
    period = ("--from", "2026-10-01", "--to", "2026-11-30")
    for kind in ("calendar", "heatmap", "avoidance"):
        out = {name: tmp_path / f"{kind}-{name}.png" for name in ("shared", "asked", "never")}
        assert cli("chart", kind, str(out["shared"]), *period, db=with_private).code == 0
        r = cli("chart", kind, str(out["asked"]), *period, "--include-private", db=with_private)
        assert r.code == 0
        assert cli("chart", kind, str(out["never"]), *period, db=without).code == 0
        assert out["shared"].read_bytes() == out["never"].read_bytes(), kind
        assert out["asked"].read_bytes() != out["never"].read_bytes(), kind


def test_search_json_says_which_hits_are_private(cli: Cli, db_path: Path) -> None:
    _journal(cli, db_path)
    assert cli("add", "--date", "2026-11-10", "--title", "Open", f"A {SECRET} too").code == 0
    hits = cli("search", SECRET, "--json").json()
    assert sorted((h["title"], h["private"]) for h in hits) == [
        ("Open", False),
        (f"{SECRET} 2026-11-03", True),
        (f"{SECRET} 2026-11-05", True),
        (f"{SECRET} 2026-11-09", True),
    ]
