"""Day One's JSON export (the file, its zip, its folder), local times in each entry's zone."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from plnjournal.core.journal_io.formats import detect_format, read_journal
from plnjournal.errors import ValidationError

DAYONE = Path(__file__).parents[2] / "fixtures" / "dayone" / "Journal.json"


def test_entries_keep_the_local_date_and_time_of_their_own_time_zone() -> None:
    parsed = read_journal(DAYONE)
    got = [(r.entry_date, r.entry_time) for r in parsed.records]
    assert got == [
        (dt.date(2026, 7, 14), dt.time(7, 45)),  # 06:45Z in London summer time
        (dt.date(2026, 11, 27), dt.time(22, 30)),  # 03:30Z on the 28th is the 27th in New York
        (dt.date(2026, 3, 29), None),  # an all-day entry has no time
    ]


def test_title_body_tags_and_star() -> None:
    first, second, third = read_journal(DAYONE).records
    assert first.title == "Parents' evening"  # the heading's # marks are not part of it
    # Day One's backslash escapes are Markdown and are kept exactly as written.
    assert first.body == (
        "I told Amir's mum the truth about his behaviour\\. It went better than I feared\\!"
        "\n\n- She thanked me\n- We agreed a weekly note"
    )
    assert first.tags == ["PA1", "parents"] and first.highlight
    assert (second.title, second.highlight) == ("Late night marking again.", False)
    assert third.title == "Sports day. All day outside with 9B." and third.body == ""
    assert first.identity == "dayone:6F2C1B0E9A8D4F7B8C3D2E1F0A9B8C7D"


def test_photos_are_reported_not_silently_dropped() -> None:
    warnings = [str(w) for w in read_journal(DAYONE).warnings]
    assert any("1 photo" in w and "not imported" in w for w in warnings)


def test_the_export_zip_is_read_directly(tmp_path: Path) -> None:
    archive = tmp_path / "Export-Journal.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(DAYONE, "Journal.json")
        z.writestr("photos/2b9cabb0f836b94993374549f617b8f6.jpeg", b"\xff\xd8")
    assert detect_format(archive) == "dayone"
    parsed = read_journal(archive)
    assert len(parsed.records) == 3
    assert parsed.records[0].file == f"{archive}!Journal.json"


def test_unknown_time_zone_is_a_warning_and_keeps_utc(tmp_path: Path) -> None:
    data = json.loads(DAYONE.read_text())
    data["entries"] = [data["entries"][0] | {"timeZone": "Mars/Olympus_Mons"}]
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(data))
    parsed = read_journal(path)
    assert parsed.records[0].entry_time == dt.time(6, 45)
    assert "unknown time zone 'Mars/Olympus_Mons'" in str(parsed.warnings[0])


def test_a_bad_date_names_the_file_and_line(tmp_path: Path) -> None:
    data = json.loads(DAYONE.read_text())
    data["entries"][1]["creationDate"] = "yesterday"
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(data, indent=2))
    line = next(
        i
        for i, text in enumerate(path.read_text().splitlines(), start=1)
        if '"uuid": "0A1B2C3D' in text
    )
    with pytest.raises(ValidationError) as err:
        read_journal(path)
    problem = err.value.problems[0]
    assert (problem.file, problem.column) == (str(path), "entries[1]")
    assert problem.line == line - 1  # the line where that entry's object starts
    assert "'yesterday'" in problem.message


def test_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_text('{\n  "entries": [\n    {"text": "x",}\n  ]\n}\n')
    with pytest.raises(ValidationError, match=r"Journal\.json:3: is not valid JSON"):
        read_journal(path, "dayone")
