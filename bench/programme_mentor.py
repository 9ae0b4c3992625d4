"""Time the mentor's dashboard and the lead's coverage against a simulated programme: 2,000
trainees and 200 mentors with two years of shared items (bench/programme.py's simulation, plus
self-ratings, feedback requests, avoidance summaries, frameworks, comments, sign-offs and
what mentors have read), on a real PostgreSQL, through the mentor's and the lead's own logins (row-level
security applies).

Usage::

    python bench/programme_mentor.py [--trainees 2000] [--mentors 200] [--runs 10]

Budgets (issue 22): a mentor's dashboard of 15 trainees ≤ 150 ms; the lead's cohort
coverage ≤ 2 s. The trainee's sync is bench/programme.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from bench.programme import TODAY, simulate

MENTOR_TRAINEES = 15  # the dashboard measured: a mentor with this many trainees
SKILLS = 22  # the teaching framework's
RATINGS_PER_SKILL = 5  # self-ratings per skill over two years
REQUESTS_PER_TRAINEE = 25
COMMENTS_EVERY = 4  # a mentor comments on one reflection in this many
SIGN_OFFS_PER_TRAINEE = 10


def simulate_more(conn: Any, trainees: int) -> None:
    """What bench/programme.py does not simulate, for every trainee."""
    conn.execute(
        "INSERT INTO pln.self_ratings (uuid, trainee, skill_code, skill_name, level, rated_on, "
        "shared_at) SELECT gen_random_uuid(), 'trainee' || t, 'S' || s, 'Skill ' || s, "
        "1 + (t + s + r) %% 5, %s::date - r * 140, now() - r * interval '140 days' "
        "FROM generate_series(1, %s) t, generate_series(1, %s) s, generate_series(0, %s) r",
        (TODAY, trainees, SKILLS, RATINGS_PER_SKILL - 1),
    )
    conn.execute(
        "INSERT INTO pln.feedback_requests (uuid, trainee, mentor_name, skills, requested_on) "
        "SELECT gen_random_uuid(), 'trainee' || t, 'A mentor', jsonb_build_array("
        "jsonb_build_object('code', 'S' || (1 + r %% %s), 'name', 'Skill')), %s::date - r * 28 "
        "FROM generate_series(1, %s) t, generate_series(0, %s) r",
        (SKILLS, TODAY, trainees, REQUESTS_PER_TRAINEE - 1),
    )
    conn.execute(
        "INSERT INTO pln.avoidance_summaries (trainee, skills) SELECT 'trainee' || t, "
        "(SELECT jsonb_agg(jsonb_build_object('code', 'S' || (1 + (t * k) %% %s), 'name', "
        "'Skill', 'score', 40 + (t + k) %% 60, 'reasons', jsonb_build_array('No reflection "
        "in 6 weeks'))) FROM generate_series(1, 5) k) FROM generate_series(1, %s) t",
        (SKILLS, trainees),
    )
    conn.execute(
        "INSERT INTO pln.comments (trainee, mentor, reflection_uuid, reflection_version, body, "
        "written_at) SELECT r.trainee, a.mentor, r.uuid, r.version, 'A comment', "
        "r.shared_at + interval '1 day' FROM pln.reflections r "
        "JOIN pln.assignments a ON a.trainee = r.trainee "
        "WHERE ('x' || substr(r.uuid::text, 1, 8))::bit(32)::int %% %s = 0",
        (COMMENTS_EVERY,),
    )
    conn.execute(
        "INSERT INTO pln.sign_offs (trainee, mentor, skill_code, level, statement, signed_on, "
        "written_at) SELECT a.trainee, a.mentor, 'S' || s, 3, 'Seen in class', "
        "%s::date - s * 60, now() - s * interval '60 days' "
        "FROM pln.assignments a, generate_series(1, %s) s",
        (TODAY, SIGN_OFFS_PER_TRAINEE),
    )
    conn.execute(
        "INSERT INTO pln.frameworks (trainee, name, scale, skills) SELECT 'trainee' || t, "
        '\'Bench\', \'[{"level": 1, "label": "Novice"}, {"level": 5, "label": '
        "\"Expert\"}]', (SELECT jsonb_agg(jsonb_build_object('code', 'S' || s, 'name', "
        "'Skill ' || s, 'area', 'Area', 'target_level', 3)) FROM generate_series(1, %s) s) "
        "FROM generate_series(1, %s) t",
        (SKILLS, trainees),
    )
    # Mentors have read everything shared more than two weeks ago.
    conn.execute(
        "INSERT INTO pln.reads (mentor, reflection_uuid, reflection_version) "
        "SELECT a.mentor, r.uuid, r.version FROM pln.reflections r "
        "JOIN pln.assignments a ON a.trainee = r.trainee "
        "WHERE r.shared_at < now() - interval '14 days'"
    )


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], object]:
    result: object = None
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def say(what: str, times: list[float]) -> None:
    print(f"{what}: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms, {len(times)} runs)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--trainees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)

    import psycopg

    from plnjournal.programme import admin, lead, mentor
    from plnjournal.programme.login import ServerSession
    from tests.programme.cluster import running_cluster

    with running_cluster() as cluster:
        url = cluster.create_database("bench")
        admin.init_programme(url, "Bench programme")
        maya = admin.add_person(url, "mentor", "maya", "Ms Okafor")
        lee = admin.add_person(url, "lead", "lee", "Dr Lee")
        started = time.perf_counter()
        with psycopg.connect(url) as conn:
            simulate(conn, args.trainees, args.mentors)
            simulate_more(conn, args.trainees)
            conn.execute(
                "INSERT INTO pln.assignments (mentor, trainee) SELECT 'maya', 'trainee' || i "
                "FROM generate_series(1, %s) i",
                (min(MENTOR_TRAINEES, args.trainees),),
            )
            counts = {
                t: conn.execute(f"SELECT count(*) FROM pln.{t}").fetchone()[0]  # type: ignore[index]
                for t in ("reflections", "self_ratings", "feedback_requests", "feedback_items",
                          "comments", "sign_offs", "reads")
            }  # fmt: skip
        with psycopg.connect(url, autocommit=True) as conn:  # as autovacuum leaves a server
            conn.execute("VACUUM ANALYZE")
        print(f"simulated programme ({time.perf_counter() - started:.0f} s): "
              + ", ".join(f"{n:,} {t}" for t, n in counts.items()))  # fmt: skip

        session = ServerSession(cluster.url("bench", "maya"), maya)
        times, people = timed(lambda: session.run(mentor.trainees), args.runs)
        assert isinstance(people, list) and len(people) == MENTOR_TRAINEES, people
        say(f"mentor's dashboard, {len(people)} trainees (open connection)", times)
        times, _ = timed(
            lambda: ServerSession(cluster.url("bench", "maya"), maya).run(mentor.trainees),
            max(3, args.runs // 2),
        )
        say("mentor's dashboard with a new connection (SCRAM login)", times)
        times, view = timed(lambda: session.run(lambda c: mentor.trainee_view(c, "trainee1")),
                            args.runs)  # fmt: skip
        assert isinstance(view, mentor.TraineeView)
        say(f"one trainee's pane ({len(view.reflections)} reflections)", times)

        lead_session = ServerSession(cluster.url("bench", "lee"), lee)
        times, cov = timed(lambda: lead_session.run(lambda c: lead.coverage(c, 4, TODAY)),
                           max(3, args.runs // 2))  # fmt: skip
        assert isinstance(cov, lead.Coverage) and cov.trainees == args.trainees
        say(f"lead's coverage ({cov.trainees} trainees, {len(cov.quiet)} quiet)", times)
        session.close()
        lead_session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
