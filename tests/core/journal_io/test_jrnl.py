"""jrnl's formats read exactly as jrnl reads them; the fixtures and oracles were written by jrnl 4.6."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from plnjournal.core.journal_io.formats import detect_format, read_journal
from plnjournal.core.journal_io.jrnl import jrnl_split_title, read_jrnl, read_jrnl_json
from plnjournal.errors import InputError, ValidationError

JRNL = Path(__file__).parents[2] / "fixtures" / "jrnl"


def _as_jrnl_json(records) -> list[dict]:
    return [
        {
            "title": r.title,
            "body": r.body,
            "date": r.entry_date.isoformat(),
            "time": r.entry_time.strftime("%H:%M"),
            "tags": sorted(r.tags),
            "starred": r.highlight,
        }
        for r in records
    ]


def _oracle(name: str) -> list[dict]:
    entries = json.loads((JRNL / name).read_text(encoding="utf-8"))["entries"]
    for e in entries:
        # jrnl reads "## " (a Markdown heading) as the tag "##"; we do not.
        e["tags"] = sorted(t[1:] for t in e["tags"] if t.strip("#@"))
        for key in ("uuid", "creator"):
            e.pop(key, None)
    return entries


@pytest.mark.parametrize(
    ("source", "oracle"),
    [
        ("journal.txt", "journal.jrnl.json"),  # jrnl 4's default: [2026-11-02 07:45:00 AM]
        ("journal-24h.txt", "journal-24h.jrnl.json"),  # [2026-11-02 07:45]
        ("folder", "folder.jrnl.json"),  # YYYY/MM/DD.txt
    ],
)
def test_entries_match_what_jrnl_itself_exports(source: str, oracle: str) -> None:
    parsed = read_jrnl(JRNL / source)
    assert parsed.problems == [] and parsed.warnings == []
    assert _as_jrnl_json(parsed.records) == _oracle(oracle)


def test_jrnl_json_export_reads_the_same_entries_as_the_text_journal() -> None:
    text = read_jrnl(JRNL / "journal-24h.txt").records
    exported = read_jrnl_json(JRNL / "journal-24h.jrnl.json").records
    assert _as_jrnl_json(exported) == _as_jrnl_json(text)
    assert exported[0].item == "entries[0]"


def test_titles_split_as_jrnl_splits_them() -> None:
    # The first line is the title; a one-line entry splits at its first sentence.
    assert jrnl_split_title("Parent call. It went well.\nMore") == (
        "Parent call. It went well.",
        "More",
    )
    assert jrnl_split_title("Parent call. It went well!") == ("Parent call.", "It went well!")
    assert jrnl_split_title("Why now? Because") == ("Why now?", "Because")
    assert jrnl_split_title("No punctuation at all") == ("No punctuation at all", "")


def test_provenance_names_file_and_line() -> None:
    records = read_jrnl(JRNL / "journal.txt").records
    assert [r.line for r in records[:4]] == [1, 4, 7, 10]
    assert records[3].where.endswith("journal.txt:10")


def test_starred_and_am_pm_times() -> None:
    records = read_jrnl(JRNL / "journal.txt").records
    starred = [r.title for r in records if r.highlight]
    assert starred == ["Routines are sticking!"]
    times = {r.title: r.entry_time for r in records}
    assert times["no punctuation in this one at all @workload"] == dt.time(0, 5)
    assert times["Noon, mentor meeting."] == dt.time(12, 0)
    assert times["Late!!!"] == dt.time(23, 59)


def test_folder_journal_takes_the_date_from_the_path(tmp_path: Path) -> None:
    day = tmp_path / "2026" / "03" / "09.txt"
    day.parent.mkdir(parents=True)
    day.write_text("[2020-01-01 08:15] Wrong date in the header.\nThe path wins.\n")
    (record,) = read_jrnl(tmp_path).records
    assert (record.entry_date, record.entry_time) == (dt.date(2026, 3, 9), dt.time(8, 15))


def test_custom_timeformat_and_date_only_headers(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("[28.11.2026 07:45] European dates.\nBody\n\n[2026-11-29] Date only.\n")
    records = read_jrnl(path, timeformat="%d.%m.%Y %H:%M").records
    assert [(r.entry_date, r.entry_time, r.title) for r in records] == [
        (dt.date(2026, 11, 28), dt.time(7, 45), "European dates."),
        (dt.date(2026, 11, 29), None, "Date only."),
    ]


def test_a_bad_date_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("[2026-02-27 09:00] Fine.\n\n[2026-02-30 09:00] Not a real day.\n")
    with pytest.raises(ValidationError) as err:
        read_journal(path, "jrnl")
    assert str(err.value.problems[0]).startswith(f"{path}:3: ")
    assert "2026-02-30 09:00" in err.value.message


def test_tags_that_are_not_a_list_name_the_entry(tmp_path: Path) -> None:
    """Found by the fuzz test: ``"tags": true`` was a traceback, not a message."""
    path = tmp_path / "j.json"
    entries = [{"date": "2026-11-03", "time": "08:00", "body": "x", "tags": True}]
    path.write_text(json.dumps({"entries": entries}))
    with pytest.raises(ValidationError) as err:
        read_journal(path, "jrnl-json")
    assert "entries[0]" in str(err.value.problems[0])
    assert "tags True is not a list" in err.value.message


def test_text_before_the_first_entry_is_a_warning_not_silently_lost(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("My journal\n\n[2026-11-28 07:45] First.\n")
    parsed = read_jrnl(path)
    assert len(parsed.records) == 1
    assert "before the first dated entry" in str(parsed.warnings[0])


def test_a_file_with_no_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(ValidationError, match="no jrnl entries found"):
        read_journal(path, "jrnl")


def test_encrypted_journals_are_refused_with_how_to_decrypt() -> None:
    # encrypted.txt was encrypted by jrnl's own v3 encryption.
    with pytest.raises(InputError, match="jrnl --decrypt") as err:
        read_journal(JRNL / "encrypted.txt")
    assert not isinstance(err.value, ValidationError)


def test_binary_files_are_refused_with_the_line_and_how_to_decrypt(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_bytes(b"[2026-11-28 07:45] Fine.\n\xff\xfe broken\n")
    with pytest.raises(ValidationError, match=r"j\.txt:2: is not UTF-8") as err:
        read_journal(path, "jrnl")
    assert "jrnl --decrypt" in err.value.message  # jrnl 1.x encrypted files look like this


def test_formats_are_detected() -> None:
    assert detect_format(JRNL / "journal.txt") == "jrnl"
    assert detect_format(JRNL / "folder") == "jrnl"
    assert detect_format(JRNL / "journal.jrnl.json") == "jrnl-json"
