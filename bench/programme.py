"""Time a trainee's sync against a simulated programme: 2,000 trainees and 200 mentors with two
years of shared items on a real PostgreSQL; the trainee's journal is a two-year demo journal
with every reflection that is not private shared.

Usage::

    python bench/programme.py [--trainees 2000] [--mentors 200] [--runs 10]

Starts a throwaway cluster (tests/programme/cluster.py: initdb in a temporary folder, as the
postgres user when run as root). Budgets (issue 22): a sync with nothing new ≤ 300 ms; with
20 new reflections (and 20 new mentor items to bring in) ≤ 1 s. The mentor's dashboard and the
lead's coverage are measured where they are built (the mentor window, the lead view).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

# Two years of a programme: each trainee shares about two reflections a week, and hears from
# a mentor about once a week.
REFLECTIONS_PER_TRAINEE = 200
FEEDBACK_PER_TRAINEE = 100
TODAY = dt.date(2026, 11, 28)


def simulate(conn, trainees: int, mentors: int) -> None:  # type: ignore[no-untyped-def]
    """Fill the programme with other trainees' shared items (as the superuser, in bulk)."""
    conn.execute(
        "INSERT INTO pln.people (role_name, kind, display_name) "
        "SELECT 'trainee' || i, 'trainee', 'Trainee ' || i FROM generate_series(1, %s) i",
        (trainees,),
    )
    conn.execute(
        "INSERT INTO pln.people (role_name, kind, display_name) "
        "SELECT 'mentor' || i, 'mentor', 'Mentor ' || i FROM generate_series(1, %s) i",
        (mentors,),
    )
    conn.execute(
        "INSERT INTO pln.assignments (mentor, trainee) "
        "SELECT 'mentor' || (1 + i %% %s), 'trainee' || i FROM generate_series(1, %s) i",
        (mentors, trainees),
    )
    conn.execute(
        "INSERT INTO pln.reflections (uuid, version, trainee, title, body, entry_date, skills, "
        "depth_level, shared_at) "
        "SELECT gen_random_uuid(), 1, 'trainee' || t, 'Reflection ' || r, "
        "repeat('What happened, what I noticed, what I will try next. ', 20), "
        '%s::date - (r * 3), \'[{"code": "CL1", "name": "Managing transitions"}]\', '
        "r %% 4, now() - (r * interval '3 days') "
        "FROM generate_series(1, %s) t, generate_series(1, %s) r",
        (TODAY, trainees, REFLECTIONS_PER_TRAINEE),
    )
    conn.execute(
        "INSERT INTO pln.feedback_items (trainee, mentor, skill_code, rating, comment, given_on, "
        "written_at) SELECT 'trainee' || t, 'mentor' || (1 + t %% %s), 'CL1', 1 + r %% 5, "
        "'Feedback ' || r, %s::date - (r * 7), now() - (r * interval '7 days') "
        "FROM generate_series(1, %s) t, generate_series(1, %s) r",
        (mentors, TODAY, trainees, FEEDBACK_PER_TRAINEE),
    )
    conn.execute("ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)

    import psycopg

    from plnjournal.core.demo import build_demo
    from plnjournal.core.journal.settings import set_setting
    from plnjournal.programme import admin, sharing
    from plnjournal.programme.sync import sync
    from plnjournal.storage.db import open_database
    from plnjournal.storage.models import Entry
    from tests.programme.cluster import running_cluster
    from tests.programme.journal import add

    with running_cluster() as cluster:
        url = cluster.create_database("bench")
        admin.init_programme(url, "Bench programme")
        password = admin.add_person(url, "trainee", "ana", "Ana Lopez")
        maya = admin.add_person(url, "mentor", "maya", "Ms Okafor")
        admin.assign(url, "maya", "ana")
        started = time.perf_counter()
        with psycopg.connect(url) as conn:
            simulate(conn, args.trainees, args.mentors)
            rows = conn.execute("SELECT count(*) FROM pln.reflections").fetchone()
        print(f"simulated programme: {rows[0]} shared reflections "  # type: ignore[index]
              f"({time.perf_counter() - started:.1f} s)")  # fmt: skip

        db = open_database(Path(tempfile.mkdtemp()) / "ana.sqlite3")
        with db.session() as s:
            build_demo(s, years=2, seed=7, today=TODAY)
            set_setting(s, sharing.SERVER, cluster.url("bench", "ana"))
            ids = list(s.scalars(Entry.__table__.select().with_only_columns(Entry.id)
                                 .where(Entry.private.is_(False))))  # fmt: skip
            sharing.share_entries(s, ids)
        started = time.perf_counter()
        first = sync(db, password=password)
        print(f"first sync: {first.pushed} items sent (reflections and the framework) in "
              f"{time.perf_counter() - started:.2f} s")  # fmt: skip

        quiet = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = sync(db, password=password)
            quiet.append(time.perf_counter() - started)
            assert result.state == "synced" and result.pushed == 0
        busy = []
        for run in range(max(3, args.runs // 2)):
            new = [add(db, f"New {run}.{i}") for i in range(20)]
            with db.session() as s:
                sharing.share_entries(s, new)
            with psycopg.connect(cluster.url("bench", "maya") + f" password={maya}") as conn:
                conn.cursor().executemany(
                    "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
                    "VALUES ('ana', 'CL1', 3, %s)",
                    [(f"Note {run}.{i}",) for i in range(20)],
                )
            started = time.perf_counter()
            result = sync(db, password=password)
            busy.append(time.perf_counter() - started)
            assert (result.pushed, result.feedback) == (20, 20), result
        print(f"sync, nothing new: median {statistics.median(quiet) * 1000:.0f} ms "
              f"(max {max(quiet) * 1000:.0f} ms, {len(quiet)} runs)")  # fmt: skip
        print(f"sync, 20 new reflections and 20 mentor items: median {statistics.median(busy) * 1000:.0f} ms "
              f"(max {max(busy) * 1000:.0f} ms, {len(busy)} runs)")  # fmt: skip
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
