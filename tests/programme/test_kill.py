"""SIGKILL during sync, at random (seeded) moments: no shared reflection and no mentor's
item is ever lost or duplicated, on the server or in the journal."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from plnjournal.programme.sharing import REFLECTION
from plnjournal.programme.sync import sync
from plnjournal.storage.models import FeedbackItem, SharedItem
from tests.programme.conftest import Programme
from tests.programme.journal import add, connect_journal, journal_counts, server_rows, share

ROUNDS = 4
PER_ROUND = 30
ROOT = Path(__file__).resolve().parents[2]


def _child(db_path: Path, password: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "tests.programme.sync_child", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PLN_TEST_PASSWORD": password},
    )


def _mentor_writes_a_batch(prog: Programme, round_: int) -> None:
    with prog.connect("maya") as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
            "VALUES (%s, 'CL1', %s, %s)",
            [(prog.logins["ana"], 1 + i % 5, f"note {round_}.{i}") for i in range(PER_ROUND)],
        )


def test_sigkill_during_sync_never_loses_or_duplicates(
    teaching_db, db_path: Path, programme: Programme
) -> None:
    connect_journal(teaching_db, programme)
    rng = random.Random(22)
    mid_sync, phases = 0, []
    for round_ in range(ROUNDS):
        share(
            teaching_db, *(add(teaching_db, f"r{round_} reflection {i}") for i in range(PER_ROUND))
        )
        _mentor_writes_a_batch(programme, round_)
        child = _child(db_path, programme.passwords["ana"])
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        mid_sync += "DONE" not in out
        phases.append(out.strip().splitlines()[-1].split()[0] if out.strip() else "READY")
    print(f"kills during a sync: {mid_sync} of {ROUNDS}, after: {phases}")
    assert mid_sync >= 1, "no kill landed during a sync: the test proves nothing"

    result = sync(teaching_db, password=programme.passwords["ana"])
    assert result.state == "synced"
    assert journal_counts(teaching_db)["outbox"] == 0
    with teaching_db.session() as s:
        shared = set(s.scalars(select(SharedItem.uuid).where(SharedItem.kind == REFLECTION)))
        raws = [json.loads(r) for r in s.scalars(select(FeedbackItem.raw))]
    on_server = server_rows(programme, "SELECT uuid::text, version FROM pln.reflections")
    assert len(shared) == ROUNDS * PER_ROUND
    assert sorted(u for u, _ in on_server) == sorted(shared)  # each once, none missing
    assert {v for _, v in on_server} == {1}
    pulled = [r["uuid"] for r in raws]
    written = [u for (u,) in server_rows(programme, "SELECT uuid::text FROM pln.feedback_items")]
    assert len(pulled) == len(set(pulled))
    assert sorted(pulled) == sorted(written)
