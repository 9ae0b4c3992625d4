"""import-journal and export-journal from the command line: output, exit codes, nothing half-done."""

from __future__ import annotations

import json
from pathlib import Path

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
JOURNAL = FIXTURES / "jrnl" / "journal.txt"


def test_dry_run_shows_what_would_come_in_and_writes_nothing(cli: Cli, db_path: Path) -> None:
    result = cli("import-journal", str(JOURNAL), "--dry-run")
    assert result.code == 0, result.err
    assert "Would import 10 reflections from" in result.out
    assert "(2026-11-02 to 2026-11-10)" in result.out
    assert "Nothing was written (dry run)." in result.out
    assert not db_path.exists()  # not even an empty journal
    assert cli("add", "--title", "First", "Body").code == 0
    assert cli("import-journal", str(JOURNAL), "--dry-run").code == 0
    assert cli("stats", "--json").json()["entries"] == 1


def test_import_then_again_adds_nothing(cli: Cli) -> None:
    first = cli("import-journal", str(JOURNAL), "--json")
    assert first.code == 0 and first.json()["imported"] == 10
    again = cli("import-journal", str(JOURNAL))
    assert again.code == 0
    assert "Imported 0 reflections" in again.out and "10 already in the journal" in again.out
    assert cli("stats", "--json").json()["entries"] == 10


def test_bad_input_names_file_and_line_and_exits_2(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "j.txt"
    bad.write_text("[2026-11-27 09:00] Fine.\n\n[2026-11-27 25:00] Bad hour.\n")
    result = cli("import-journal", str(bad))
    assert result.code == 2
    assert result.err.startswith(f"plnjournal: error: {bad}:3: ")
    assert "Traceback" not in result.err
    # Nothing was written: the journal the failed imports would have started was not left.
    r = cli("stats", "--json")
    assert (r.code == 2 and "no journal" in r.err) or r.json()["entries"] == 0


def test_encrypted_journal_is_refused_with_how_to_decrypt(cli: Cli) -> None:
    result = cli("import-journal", str(FIXTURES / "jrnl" / "encrypted.txt"))
    assert result.code == 2 and "jrnl --decrypt" in result.err


def test_unknown_file_and_format_choice(cli: Cli, tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n")
    result = cli("import-journal", str(odd))
    assert result.code == 2 and "is not a journal PLN Journal can read" in result.err
    assert cli("import-journal", str(odd), "--format", "evernote").code == 2
    assert cli("import-journal", str(tmp_path / "missing.txt")).code == 2


def test_warnings_are_printed(cli: Cli) -> None:
    result = cli("import-journal", str(FIXTURES / "markdown" / "obsidian"), "--dry-run")
    assert result.code == 0
    assert "warning:" in result.err and "Reading list.md: no date" in result.err


def test_export_markdown_and_json_round_trip(cli: Cli, tmp_path: Path) -> None:
    cli("import-journal", str(JOURNAL))
    md = cli("export-journal", str(tmp_path / "md"), "--from", "2026-11-05", "--to", "2026-11-06")
    assert md.code == 0 and "Exported 3 reflections (2026-11-05 to 2026-11-06)" in md.out
    assert len(list((tmp_path / "md").glob("*.md"))) == 3
    out = cli("export-journal", str(tmp_path / "all.json"), "--json")
    assert out.code == 0 and out.json()["entries"] == 10
    assert json.loads((tmp_path / "all.json").read_text())["format"] == "plnjournal"
    fresh = tmp_path / "fresh.sqlite3"
    restored = cli("import-journal", str(tmp_path / "all.json"), db=fresh)
    assert restored.code == 0 and "Restored the whole journal" in restored.out
    assert cli("stats", "--json", db=fresh).json() == cli("stats", "--json").json()


def test_export_bad_dates_and_existing_folder(cli: Cli, db: Database, tmp_path: Path) -> None:
    result = cli("export-journal", str(tmp_path / "x"), "--from", "28/11/2026")
    assert result.code == 2 and "--from" in result.err
    result = cli(
        "export-journal", str(tmp_path / "x"), "--from", "2026-12-01", "--to", "2026-11-01"
    )
    assert result.code == 2 and "is after" in result.err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.md").write_text("x")
    result = cli("export-journal", str(tmp_path / "full"))
    assert result.code == 2 and "not an empty folder" in result.err
