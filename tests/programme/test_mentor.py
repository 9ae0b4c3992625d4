"""The mentor's side against a real server: the dashboard shows only the mentor's trainees,
what a mentor writes reaches the trainee's journal and the avoidance model, row-level
security refuses the rest, and the lead's coverage counts the cohort."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from psycopg.types.json import Jsonb
from sqlalchemy import select

from plnjournal.core.frameworks.spec import load_builtin
from plnjournal.core.insights.avoidance_data import load_facts
from plnjournal.errors import InputError
from plnjournal.programme import admin, lead, mentor, mentor_write
from plnjournal.programme.sync import sync
from plnjournal.storage.models import FeedbackItem
from tests.programme.conftest import Programme
from tests.programme.journal import add, connect_journal, server_rows, share


def share_framework(prog: Programme, who: str) -> None:
    """The teaching framework as a trainee's journal shares it (sharing.py)."""
    spec = load_builtin("teaching")
    scale = [{"level": n, "label": label} for n, label in spec.scale]
    skills = [{"code": s.code, "name": s.name, "area": a.name, "target_level": s.target_level}
              for a in spec.areas for s in a.skills]  # fmt: skip
    with prog.connect(who) as conn:
        conn.execute(
            "INSERT INTO pln.frameworks (name, scale, skills) VALUES (%s, %s, %s)",
            (spec.name, Jsonb(scale), Jsonb(skills)),
        )


@pytest.fixture
def journal(teaching_db, programme: Programme):
    connect_journal(teaching_db, programme)
    share_framework(programme, "ana")
    share_framework(programme, "ben")
    return teaching_db


def _trainee_rows(prog: Programme, who: str, n: int) -> None:
    """``n`` shared reflections, a self-rating below target and a request, as ``who`` writes."""
    with prog.connect(who) as conn:
        for i in range(n):
            conn.execute(
                "INSERT INTO pln.reflections (uuid, version, title, body, entry_date, skills) "
                "VALUES (gen_random_uuid(), 1, %s, 'Body', '2026-11-02', %s)",
                (f"{who} reflection {i}", Jsonb([{"code": "CL1", "name": "Routines"}])),
            )
        conn.execute(
            "INSERT INTO pln.self_ratings (uuid, skill_code, skill_name, level, rated_on) "
            "VALUES (gen_random_uuid(), 'PL2', 'Learning intentions', 2, '2026-11-01')"
        )
        conn.execute(
            "INSERT INTO pln.feedback_requests (uuid, mentor_name, skills, requested_on) "
            "VALUES (gen_random_uuid(), 'Ms Okafor', %s, '2026-11-01')",
            (Jsonb([{"code": "PL2", "name": "Learning intentions"}]),),
        )


def test_the_dashboard_shows_only_the_mentors_own_trainees(journal, programme: Programme) -> None:
    _trainee_rows(programme, "ana", 2)
    _trainee_rows(programme, "ben", 3)
    with programme.connect("maya") as conn:
        assert mentor.require_mentor(conn).kind == "mentor"
        (ana,) = mentor.trainees(conn)
        assert (ana.login, ana.unread, ana.open_requests, ana.below_target, ana.avoided) == (
            programme.logins["ana"], 2, 1, 1, None,
        )  # fmt: skip
        view = mentor.trainee_view(conn, programme.logins["ana"])
        assert sorted(r.title for r in view.reflections) == ["ana reflection 0", "ana reflection 1"]
        assert [(b.code, b.level, b.target) for b in view.below_target] == [("PL2", 2, 4)]
        with pytest.raises(InputError, match="not one of your trainees"):
            mentor.trainee_view(conn, programme.logins["ben"])
        assert mentor.mark_read(conn, [(r.uuid, r.version) for r in view.reflections]) == 2
        assert mentor.trainees(conn)[0].unread == 0
        # Feedback on the requested skill answers the request.
        mentor_write.write_feedback(conn, programme.logins["ana"], "PL2", 3, "Sharper *aims*.")
        assert mentor.trainees(conn)[0].open_requests == 0
    with programme.connect("mo") as conn:
        (ben,) = mentor.trainees(conn)
        assert (ben.login, ben.unread) == (programme.logins["ben"], 3)


def test_feedback_reaches_the_trainees_journal_and_the_avoidance_model(
    journal, programme: Programme
) -> None:
    entry = add(journal, "Calm start after lunch", skill="CL1")
    share(journal, entry)
    sync(journal, password=programme.passwords["ana"])
    ana = programme.logins["ana"]
    with programme.connect("maya") as conn:
        (shared,) = mentor.trainee_view(conn, ana).reflections
        mentor_write.write_feedback(conn, ana, "CL1", 2, "Routines slipped after **lunch**.")
        mentor_write.write_comment(conn, shared.uuid[:8], "Good noticing; what next?")
        mentor_write.sign_off(conn, ana, "PL1", 3, "Planned a full unit; seen in three lessons.")
    result = sync(journal, password=programme.passwords["ana"])
    assert (result.state, result.feedback, result.comments) == ("synced", 2, 1)
    with journal.session() as s:
        items = s.execute(select(FeedbackItem.comment, FeedbackItem.mentor)).all()
        assert ("Routines slipped after **lunch**.", "Ms Okafor") in items
        facts = load_facts(s, dt.date.today())
    cl1 = next(f for f in facts.skills if f.code == "CL1")
    assert cl1.latest_mentor is not None and cl1.latest_mentor.level == 2
    assert [n.comment for n in cl1.unanswered] == ["Routines slipped after **lunch**."]
    # A second sync brings nothing twice.
    again = sync(journal, password=programme.passwords["ana"])
    assert (again.feedback, again.comments) == (0, 0)


def test_writing_for_an_unassigned_trainee_is_refused(journal, programme: Programme) -> None:
    _trainee_rows(programme, "ben", 1)
    ben = programme.logins["ben"]
    with programme.connect("maya") as conn:
        # PL1 is in ben's framework, which the server does not let maya read.
        with pytest.raises(InputError, match=f"{ben} is not one of your trainees"):
            mentor_write.sign_off(conn, ben, "PL1", 3, "Signed for someone else's trainee.")
        with pytest.raises(InputError, match=f"{ben} is not one of your trainees"):
            mentor_write.write_feedback(conn, ben, "PL1", 3, "Not mine to write.")
        with pytest.raises(InputError, match="none of your trainees has shared"):
            (key,) = server_rows(programme, "SELECT uuid::text FROM pln.reflections")[0]
            mentor_write.write_comment(conn, key, "Not mine either.")
        # Hand-written SQL through the mentor's own login meets the same wall.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO pln.sign_offs (trainee, skill_code, level, statement) "
                "VALUES (%s, 'PL1', 3, 'by hand')",
                (ben,),
            )
    assert server_rows(programme, "SELECT count(*) FROM pln.sign_offs") == [(0,)]
    assert server_rows(programme, "SELECT count(*) FROM pln.feedback_items") == [(0,)]


def test_ratings_off_the_scale_and_trainees_logins_are_refused(
    journal, programme: Programme
) -> None:
    maya = programme.connect("maya")
    with maya as conn, pytest.raises(InputError, match="not on the trainee's scale"):
        mentor_write.write_feedback(conn, programme.logins["ana"], "PL1", 9, "Too high")
    with programme.connect("ana") as conn, pytest.raises(InputError, match="is a trainee"):
        mentor.require_mentor(conn)


def test_the_leads_coverage_counts_the_cohort(journal, programme: Programme, tmp_path) -> None:
    ana, ben = programme.logins["ana"], programme.logins["ben"]
    for who, skills in (
        ("ana", [{"code": "PL4", "name": "Assessment evidence", "score": 80}]),
        ("ben", [{"code": "PL4", "name": "Assessment evidence", "score": 60},
                 {"code": "CL1", "name": "Routines", "score": 40}]),
    ):  # fmt: skip
        with programme.connect(who) as conn:
            conn.execute(
                "INSERT INTO pln.avoidance_summaries (skills) VALUES (%s)", (Jsonb(skills),)
            )
    _trainee_rows(programme, "ana", 1)
    with programme.connect("maya") as conn:
        mentor_write.write_feedback(conn, ana, "CL1", 3, "Steady.")
    with programme.admin() as conn:  # mo wrote to ben six weeks ago
        conn.execute(
            "INSERT INTO pln.feedback_items (trainee, mentor, skill_code, rating, written_at) "
            "VALUES (%s, %s, 'CL1', 3, now() - interval '6 weeks')",
            (ben, programme.logins["mo"]),
        )
    with programme.connect("lee") as conn:
        cov = lead.coverage(conn, weeks=4)
        assert (cov.trainees, cov.sharing_avoidance) == (2, 2)
        assert [(a.code, a.trainees, a.mean_score) for a in cov.avoided] == [
            ("PL4", 2, 70.0), ("CL1", 1, 40.0),
        ]  # fmt: skip
        assert [(q.login, q.mentors) for q in cov.quiet] == [(ben, ["Mr Osei"])]
        assert [q.login for q in lead.coverage(conn, weeks=8).quiet] == []
    with (
        programme.connect("maya") as conn,
        pytest.raises(InputError, match="for the programme's lead"),
    ):
        lead.coverage(conn)
    out = tmp_path / "coverage.csv"
    lead.write_coverage_csv(cov, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "avoided skill,PL4,Assessment evidence,2,70.0,,"
    assert lines[3].startswith(f"no mentor contact for 4 weeks,{ben},Ben Carter,,,Mr Osei,")
    assert out.stat().st_mode & 0o777 == 0o600


def test_what_trainees_wrote_cannot_become_a_spreadsheet_formula(programme: Programme) -> None:
    hostile = [{"code": "=HYPERLINK(\"http://x\")", "name": "@SUM(A1)", "score": "high"},
               "not a skill", {"name": "no code"}]  # fmt: skip
    with programme.connect("ana") as conn:
        conn.execute("INSERT INTO pln.avoidance_summaries (skills) VALUES (%s)", (Jsonb(hostile),))
    with programme.connect("ben") as conn:  # not even an array
        conn.execute("INSERT INTO pln.avoidance_summaries (skills) VALUES ('{}')")
    with programme.connect("lee") as conn:
        cov = lead.coverage(conn)
    assert [(a.code, a.trainees, a.mean_score) for a in cov.avoided] == [
        ('=HYPERLINK("http://x")', 1, 0.0)
    ]
    with programme.connect("maya") as conn:  # ana's mentor: her odd rows break nothing
        (summary,) = mentor.trainees(conn)
        assert summary.avoided == ["@SUM(A1)", "no code"]
    row = lead.coverage_csv(cov).splitlines()[1]
    assert row.startswith('avoided skill,"\'=HYPERLINK(""http://x"")",\'@SUM(A1),1,')


def test_a_server_at_step_1_gets_step_2_and_keeps_its_data(
    pg_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_cluster.create_database("upgrade_to_2")
    monkeypatch.setattr(admin, "STEPS", admin.STEPS[:1])
    admin.init_programme(url, "Before step 2")
    trainee = admin.add_person(url, "trainee", "ana_up", "Ana")
    mentor_password = admin.add_person(url, "mentor", "maya_up", "Maya")
    admin.assign(url, "maya_up", "ana_up")
    address = pg_cluster.url("upgrade_to_2", "ana_up")
    with psycopg.connect(f"{address} password={trainee}") as conn:
        conn.execute(
            "INSERT INTO pln.reflections (uuid, version, title, entry_date) "
            "VALUES (gen_random_uuid(), 1, 'Before', '2026-11-02')"
        )
    monkeypatch.undo()
    assert admin.init_programme(url, "After step 2") == 2
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT max(version) FROM pln.schema_version").fetchone() == (2,)
    address = pg_cluster.url("upgrade_to_2", "maya_up")
    with psycopg.connect(f"{address} password={mentor_password}") as conn:
        (ana,) = mentor.trainees(conn)
        assert (ana.login, ana.unread) == ("ana_up", 1)
