"""Hostile journals from other apps through ``import-journal`` (issue 18, findings 4, 8, 10, 14).

Zip bombs and huge journals are refused by their size before they expand; every parser
failure is one located line with exit 2; a dry run refuses exactly what the import refuses
and writes nothing; a Markdown or jrnl folder's symbolic links are skipped and said so.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plnjournal.cli import main
from tests.cli.conftest import Cli
from tests.core.journal_io.bench_files import bench_module

FIXTURES = Path(__file__).parents[1] / "fixtures"
DAYONE = (FIXTURES / "dayone" / "Journal.json").read_bytes()


def one_located_line(err: str, path: Path) -> str:
    """The command's only stderr line, which must be the app's own error naming ``path``."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"plnjournal: error: {path}"), err
    assert "unexpected problem" not in err
    return lines[0]


# --- finding 4: zips and sizes -----------------------------------------------------------

MEMORY_CHILD = """
import resource, sys
limit = 700 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from plnjournal.cli import main
sys.exit(main(["--db", sys.argv[1], "import-journal", sys.argv[2]]))
"""


def test_a_day_one_zip_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    """Two members of a gigabyte each, deflated to a megabyte: refused from their headers in
    a process allowed 700 MB of address space (before: MemoryError, "unexpected problem")."""
    bomb = tmp_path / "export.zip"
    bomb.write_bytes(bench_module("fuzz_journal").dayone_bomb(members=2))
    assert bomb.stat().st_size < 3 * 1024 * 1024
    env = {**os.environ, "PLNJOURNAL_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(tmp_path / "j.sqlite3"), str(bomb)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    line = one_located_line(done.stderr, bomb)
    assert "would expand" in line and "(the limit is 100 times)" in line


def test_a_zip_with_too_many_members_is_refused_from_its_end_record(
    cli: Cli, tmp_path: Path
) -> None:
    many = tmp_path / "export.zip"
    many.write_bytes(bench_module("fuzz_journal").many_members(100_001))
    result = cli("import-journal", str(many))
    assert result.code == 2
    assert "holds 100,001 files (the limit is 100,000)" in one_located_line(result.err, many)


def test_a_journal_over_max_size_is_refused_whole(cli: Cli, tmp_path: Path) -> None:
    """The limit covers a file, a folder's files together and a zip's members uncompressed."""
    text = "".join(f"[2026-01-{d:02d} 07:45] Day {d}.\n\n" + "words " * 2000 for d in range(1, 29))
    journal = tmp_path / "journal.txt"
    journal.write_text(text)
    folder = tmp_path / "vault"
    folder.mkdir()
    for d in range(1, 29):
        (folder / f"2026-01-{d:02d}.md").write_text("words " * 2000)
    packed = tmp_path / "dayone.zip"
    entries = [
        {"creationDate": f"2026-01-{d:02d}T07:45:00Z", "text": "w " * 6000} for d in range(1, 29)
    ]
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", json.dumps({"entries": entries}))
    for path in (journal, folder, packed):
        result = cli("import-journal", str(path), "--max-size", "0.2")
        assert result.code == 2, result.err
        assert "(the limit is 205 KB" in one_located_line(result.err, path)
        assert cli("import-journal", str(path), "--dry-run").code == 0  # under the default
    # Nothing was written: the journal the failed imports would have started was not left.
    r = cli("stats", "--json")
    assert (r.code == 2 and "no journal" in r.err) or r.json()["entries"] == 0


def test_a_folder_with_too_many_entries_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plnjournal.core.journal_io.folders.MAX_FOLDER_ENTRIES", 50)
    vault = tmp_path / "vault"
    vault.mkdir()
    for i in range(60):
        (vault / f"2026-01-01 note {i}.md").write_text("x")
    result = cli("import-journal", str(vault))
    assert result.code == 2
    assert "(the limit is 50)" in one_located_line(result.err, vault)


def test_a_named_pipe_is_not_read(cli: Cli, tmp_path: Path) -> None:
    """A pipe would block the reader for ever: refused as a file, skipped in a folder."""
    pipe = tmp_path / "journal.txt"
    os.mkfifo(pipe)
    result = cli("import-journal", str(pipe))
    assert result.code == 2 and "is not a regular file" in one_located_line(result.err, pipe)
    vault = tmp_path / "vault"
    vault.mkdir()
    os.mkfifo(vault / "2026-01-01.md")
    (vault / "2026-01-02.md").write_text("A day.")
    assert cli("import-journal", str(vault), "--json").json()["imported"] == 1


# --- finding 8: every parser failure is one located line ---------------------------------


def _dayone_with(**changes: object) -> bytes:
    entry = json.loads(DAYONE)["entries"][0]
    return json.dumps({"entries": [{**entry, **changes}]}).encode()


def _flipped_zip() -> bytes:
    data = bytearray(bench_module("fuzz_journal").zip_of({"Journal.json": DAYONE}))
    data[60] ^= 0xFF
    return bytes(data)


HOSTILE = {
    "nested-jrnl.json": b'{"tags": {}, "entries": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "nested-dayone.json": b'{"creationDate": 1, "entries": [' + b"{" * 50_000 + b"]}",
    "nested-export.json": b'{"format": "plnjournal", "tables": ' + b"[" * 50_000 + b"}",
    "digits.json": DAYONE.replace(b'"duration" : 0', b'"duration" : ' + b"9" * 5000),
    "nan.json": DAYONE.replace(b'"duration" : 0', b'"duration" : NaN'),
    "huge-float.json": DAYONE.replace(b'"duration" : 0', b'"duration" : 1e999'),
    "year.json": _dayone_with(creationDate="99999-12-31T00:00:00Z"),
    "jrnl-year.jrnl.json": b'{"entries": [{"date": "99999-01-01", "time": "07:45"}]}',
    "export-id.json": b'{"format": "plnjournal", "tables": {"entries": [{"id": 1e400}]}}',
    "latin1.txt": "[2026-11-03 07:45] Café\n".encode("latin-1"),
    "two-boms.json": b"\xef\xbb\xbf\xef\xbb\xbf" + DAYONE,
    "damaged.zip": _flipped_zip(),
    "cut.zip": bench_module("fuzz_journal").zip_of({"Journal.json": DAYONE})[:300],
    "front.md": b"---\ndate: " + b"2026-01-01x" * 100_000 + b"\n---\nbody\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_journal_gets_one_located_line_and_exit_2(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    for dry in ((), ("--dry-run",)):
        result = cli("import-journal", str(path), *dry)
        assert result.code == 2, result.err
        assert len(one_located_line(result.err, path)) < 400  # a value is quoted cut short
    # Nothing was written: the journal the failed imports would have started was not left.
    r = cli("stats", "--json")
    assert (r.code == 2 and "no journal" in r.err) or r.json()["entries"] == 0


def test_a_huge_time_zone_is_an_unknown_zone(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    for zone in ("Europe/" + "x" * 100_000, "../../../../etc/localtime", "Europe"):
        path.write_bytes(_dayone_with(timeZone=zone))
        result = cli("import-journal", str(path), "--dry-run")
        assert result.code == 0, result.err
        assert "unknown time zone" in result.err and len(result.err) < 400


def test_zip_member_names_are_never_paths_nor_broken_lines(cli: Cli, tmp_path: Path) -> None:
    packed = tmp_path / "export.zip"
    packed.write_bytes(
        bench_module("fuzz_journal").zip_of(
            {"../evil.json": DAYONE, "a\nb.json": b"{", "inner.zip": b"PK", "Journal.json": b"{"}
        )
    )
    result = cli("import-journal", str(packed))
    assert result.code == 2
    assert "!Journal.json:1: is not valid JSON" in one_located_line(result.err, packed)


# --- finding 10: a dry run refuses what the import refuses, and writes nothing ------------


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo journal's JSON export (made once: the demo takes a while)."""
    folder = tmp_path_factory.mktemp("demo-export")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLNJOURNAL_HOME", str(folder / "home"))
        source = str(folder / "source.sqlite3")
        assert main(["--db", source, "demo"]) == 0
        assert main(["--db", source, "export-journal", str(folder / "export.json")]) == 0
    return (folder / "export.json").read_text()


@pytest.fixture
def export(demo_export: str, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()  # what the demo printed
    data: dict = json.loads(demo_export)
    return data


def _crafted(export: dict, kind: str) -> dict:
    tables = export["tables"]
    if kind == "check":  # a CHECK rule: comfort 1–5
        tables["entries"][0]["comfort"] = 9
    elif kind == "unique":  # two skills with one code in one framework
        tables["skills"][1]["code"] = tables["skills"][0]["code"]
    elif kind == "not-null":  # a required column left out of one row
        del tables["entries"][0]["entry_date"]
    elif kind == "duplicate-link":
        tables["entry_skills"].append(dict(tables["entry_skills"][0]))
    elif kind == "duplicate-id":
        tables["entries"][1]["id"] = tables["entries"][0]["id"]
    return export


@pytest.mark.parametrize("kind", ["check", "unique", "not-null", "duplicate-link", "duplicate-id"])
def test_a_dry_run_refuses_what_the_import_refuses(
    cli: Cli, tmp_path: Path, export: dict, kind: str
) -> None:
    path = tmp_path / f"{kind}.json"
    path.write_text(json.dumps(_crafted(export, kind), indent=1))
    absent = tmp_path / "new" / "journal.sqlite3"
    dry = cli("import-journal", "--dry-run", str(path), db=absent)
    assert dry.code == 2, dry.out + dry.err
    assert not absent.parent.exists()
    absent.parent.mkdir()  # a --db in a missing folder is refused (issue 20, finding 3)
    real = cli("import-journal", str(path), db=absent)
    assert real.code == 2
    assert real.err == dry.err
    one_located_line(real.err, path)
    assert ":" in real.err.split(str(path), 1)[1][:8]  # file:line
    assert not absent.exists()  # the failed import left no journal behind


def test_a_dry_run_creates_no_journal_and_changes_none(
    cli: Cli, tmp_path: Path, export: dict, db_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    absent = tmp_path / "new" / "journal.sqlite3"
    dry = cli("import-journal", "--dry-run", str(path), db=absent)
    assert dry.code == 0, dry.err
    assert "Would restore the whole journal" in dry.out
    assert not absent.exists() and not absent.parent.exists()
    assert cli("stats", db=db_path).code == 2  # the test's journal does not exist either
    journal = FIXTURES / "jrnl" / "journal.txt"
    assert cli("import-journal", "--dry-run", str(journal), db=absent).code == 0
    assert not absent.parent.exists()
    absent.parent.mkdir()
    assert cli("import-journal", str(path), db=absent).code == 0
    before = hashlib.sha256(absent.read_bytes()).hexdigest()
    assert cli("import-journal", "--dry-run", str(journal), db=absent).code == 0
    assert hashlib.sha256(absent.read_bytes()).hexdigest() == before


# --- finding 14: symbolic links in a journal folder ----------------------------------------


def test_symbolic_links_in_a_markdown_folder_are_skipped_and_said(cli: Cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2026-01-05.md").write_text("SECRET from outside")
    (outside / "notes").mkdir()
    (outside / "notes" / "2026-01-06.md").write_text("SECRET folder")
    vault = tmp_path / "vault"
    (vault / "Daily").mkdir(parents=True)
    (vault / "Daily" / "2026-01-01.md").write_text("Mine.")
    (vault / "2026-01-05.md").symlink_to(outside / "2026-01-05.md")  # a file outside
    (vault / "linked").symlink_to(outside / "notes")  # a folder outside
    (vault / "loop").symlink_to(vault)  # a loop
    (vault / "Daily" / "2026-01-07.md").symlink_to(vault / "Daily" / "2026-01-01.md")  # inside
    result = cli("import-journal", str(vault), "--json")
    assert result.code == 0, result.err
    summary = result.json()
    assert summary["imported"] == 1
    assert any("skipped 4 symbolic link(s)" in w for w in summary["warnings"])
    plain = cli("import-journal", str(vault), "--dry-run")
    assert "plnjournal: warning:" in plain.err and "symbolic link(s)" in plain.err
    found = cli("search", "SECRET", "--json")
    assert found.code == 0 and "SECRET" not in found.out


def test_symbolic_links_in_a_jrnl_folder_are_skipped(cli: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("[2026-01-02 07:45] SECRET.\n")
    folder = tmp_path / "jrnl"
    (folder / "2026" / "01").mkdir(parents=True)
    (folder / "2026" / "01" / "01.txt").write_text("[2026-01-01 07:45] Mine.\n")
    (folder / "2026" / "01" / "02.txt").symlink_to(secret)
    result = cli("import-journal", str(folder), "--json")
    assert result.code == 0, result.err
    assert result.json()["imported"] == 1
    assert any("skipped 1 symbolic link(s)" in w for w in result.json()["warnings"])
