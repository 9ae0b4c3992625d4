"""SIGKILL a writing process at random points: the file stays sound, every commit survives.

Each child prints a line only after its commit returned; the tests kill it wherever it happens
to be (mid-statement, mid-commit, mid-checkpoint), then check with a fresh connection, as the
next start of the app would.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import pytest

from plnjournal.storage.backup import backup_infos, copy_database
from plnjournal.storage.backup_check import verify_backup
from plnjournal.storage.db import open_database
from tests.storage.child import Child, integrity, titles

SEED = random.randrange(1_000_000)


@pytest.fixture
def rng() -> random.Random:
    print(f"crash-test seed {SEED}")  # shown on failure, to replay the same kill points
    return random.Random(SEED)


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_during_quick_captures_loses_nothing_committed(
    db_path: Path, rng: random.Random
) -> None:
    open_database(db_path).close()
    committed: list[str] = []
    for round_ in range(2):
        child = Child("adds", str(db_path), "100000", f"r{round_}")
        stop_after = rng.randint(1, 12)
        for _ in range(stop_after):
            child.wait_for("Added")
        time.sleep(rng.uniform(0, 0.03))  # land somewhere inside the next write
        child.kill()
        said = [line.split(": ", 1)[1] for line in child.lines if line.startswith("Added")]
        committed += said
        assert integrity(db_path) == ["ok"]
        saved = titles(db_path)
        # Everything reported as added is there; at most the one in flight besides.
        assert [t for t in saved if t in committed] == committed
        assert len(saved) - len(committed) in (0, 1)
        committed = saved
    open_database(db_path).close()  # and the app opens it normally afterwards


@pytest.mark.slow
def test_killed_during_a_bulk_write_is_all_or_nothing(db_path: Path, rng: random.Random) -> None:
    open_database(db_path).close()
    for round_ in range(2):
        child = Child("bulk", str(db_path), "3000", f"b{round_}")
        child.wait_for("STARTED")
        time.sleep(rng.uniform(0, 1.2))
        child.kill()
        assert integrity(db_path) == ["ok"]
        n = sum(t.startswith(f"b{round_} ") for t in titles(db_path))
        assert n in (0, 3000), f"half-written bulk write: {n} of 3000"
        if any(line.startswith("COMMITTED") for line in child.lines):
            assert n == 3000
    open_database(db_path).close()


@pytest.mark.slow
def test_killed_while_writing_a_demo_year_leaves_all_or_nothing(
    db_path: Path, rng: random.Random, demo_template: Path
) -> None:
    """Reflections, ratings and feedback items of a bulk import commit together."""
    full = {t: _count(demo_template, t) for t in ("entries", "ratings", "feedback_items")}
    child = Child("demo", str(db_path))
    child.wait_for("STARTED")
    time.sleep(rng.uniform(0, 2.0))
    child.kill()
    assert integrity(db_path) == ["ok"]
    now = {t: _count(db_path, t) for t in full}
    assert now in ({t: 0 for t in full}, full), now
    if any(line.startswith("COMMITTED") for line in child.lines):
        assert now == full


@pytest.mark.slow
def test_killed_during_a_feedback_import_leaves_all_or_nothing(
    teaching_db, tmp_path: Path, rng: random.Random
) -> None:
    """The real `plnjournal import-feedback` of 800 items, killed wherever it is."""
    import csv
    import datetime as dt

    teaching_db.close()
    rows = 800
    file = tmp_path / "feedback.csv"
    with file.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["date", "mentor", "skill", "rating", "comment"])
        for i in range(rows):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=i // 5)
            skill = ("CL1", "CL2", "IN1", "IN2", "AS1")[i % 5]
            out.writerow([day.isoformat(), "Ms Okafor", skill, 1 + i % 5, f"Comment {i}."])
    path = teaching_db.path
    child = Child("feedback", str(path), str(file))
    _kill_after_backup(child, path, "before-feedback-import", rng)
    assert integrity(path) == ["ok"]
    items, imports = _count(path, "feedback_items"), _count(path, "feedback_imports")
    mentor_ratings = (
        sqlite3.connect(path)
        .execute("SELECT count(*) FROM ratings WHERE source = 'mentor'")
        .fetchone()[0]
    )
    assert (items, imports, mentor_ratings) in ((0, 0, 0), (rows, 1, rows))
    if any(line.startswith("Imported") for line in child.lines):
        assert items == rows
    for info in backup_infos(path):  # the backup taken first is whole, if it was made
        verify_backup(info.path)


def _kill_after_backup(child: Child, path: Path, kind: str, rng: random.Random) -> None:
    """Wait for the backup an import takes just before its one write transaction, then kill
    the child somewhere after it: mostly inside the write, sometimes after the commit."""
    child.wait_for("STARTED")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.proc.poll() is None:
        if any(b.kind == kind for b in backup_infos(path)):
            break
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 2.0))
    child.kill()


@pytest.mark.slow
def test_killed_during_a_journal_import_leaves_all_or_nothing(
    teaching_db, tmp_path: Path, rng: random.Random
) -> None:
    """The real `plnjournal import-journal` of a 1,500-day jrnl journal, killed at random."""
    import datetime as dt

    teaching_db.close()
    days = 1500
    file = tmp_path / "journal.txt"
    file.write_text(
        "\n".join(
            f"[{dt.date(2020, 1, 1) + dt.timedelta(days=i)} 19:{i % 60:02d}] Day {i}: a lesson.\n"
            f"Tried something new @CL{i % 5 + 1}.\n"
            for i in range(days)
        ),
        encoding="utf-8",
    )
    path = teaching_db.path
    child = Child("journal", str(path), str(file))
    _kill_after_backup(child, path, "before-journal-import", rng)
    assert integrity(path) == ["ok"]
    entries, links = _count(path, "entries"), _count(path, "entry_skills")
    assert (entries, links) in ((0, 0), (days, days)), (entries, links)
    if any(line.startswith("Imported") for line in child.lines):
        assert entries == days
    for info in backup_infos(path):
        verify_backup(info.path)


@pytest.mark.slow
def test_killed_during_restores_leaves_one_whole_journal(
    demo_db, tmp_path: Path, rng: random.Random
) -> None:
    small = tmp_path / "small.sqlite3"
    open_database(small).close()
    conn = sqlite3.connect(small)
    conn.execute(
        "INSERT INTO entries (entry_date, title, body, created_at, updated_at, private, "
        "highlight, source) VALUES ('2026-01-01', 'small', '', '2026-01-01', '2026-01-01', "
        "0, 0, 'app')"
    )
    conn.commit()
    conn.close()
    big = copy_database(demo_db.path, tmp_path / "big.sqlite3")
    expected = {tuple(titles(small)), tuple(titles(big))}
    demo_db.close()
    for _ in range(2):
        child = Child("restores", str(demo_db.path), str(small), str(big))
        child.wait_for("STARTED")
        time.sleep(rng.uniform(0.05, 0.8))
        child.kill()
        assert integrity(demo_db.path) == ["ok"]
        assert tuple(titles(demo_db.path)) in expected
    open_database(demo_db.path).close()


@pytest.mark.slow
def test_killed_during_backups_leaves_only_whole_backups(demo_db, rng: random.Random) -> None:
    demo_db.close()
    child = Child("backups", str(demo_db.path))
    child.wait_for("BACKUP")
    time.sleep(rng.uniform(0, 0.3))
    child.kill()
    for info in backup_infos(demo_db.path):
        verify_backup(info.path)  # a backup file is whole or absent, never half-written
    assert integrity(demo_db.path) == ["ok"]
