"""A trainee's sync against a real server: only what was shared arrives, nothing twice, edits
as new versions, mentors' items into the journal through the feedback import."""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy import select

from plnjournal.core.journal.entries import update_entry
from plnjournal.core.journal.settings import set_setting
from plnjournal.errors import InputError
from plnjournal.programme import admin, joining, sharing
from plnjournal.programme.sync import sync
from plnjournal.storage.models import (
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestSkill,
    ProgrammeComment,
    Rating,
    Skill,
)
from plnjournal.values import RatingOrigin, RatingSource
from tests.programme.conftest import Programme
from tests.programme.journal import (
    DAY,
    add,
    connect_journal,
    journal_counts,
    mentor_writes,
    server_rows,
    share,
)

# Every text column of every table on the server: where a private word must never appear.
_ALL_TEXT = """
SELECT string_agg(t::text, ' ') FROM (
    SELECT to_jsonb(r) AS t FROM pln.reflections r UNION ALL
    SELECT to_jsonb(s) FROM pln.self_ratings s UNION ALL
    SELECT to_jsonb(a) FROM pln.avoidance_summaries a UNION ALL
    SELECT to_jsonb(q) FROM pln.feedback_requests q UNION ALL
    SELECT to_jsonb(f) FROM pln.frameworks f) x
"""


@pytest.fixture
def journal(teaching_db, programme: Programme):
    connect_journal(teaching_db, programme)
    return teaching_db


def _sync(journal, programme: Programme, who: str = "ana"):
    return sync(journal, password=programme.passwords[who])


def test_only_what_was_shared_reaches_the_server(journal, programme: Programme) -> None:
    shared = add(journal, "Calm start after lunch")
    add(journal, "Not shared, not private")
    private = add(journal, "Secret staffroom worry", private=True)
    share(journal, shared)
    with pytest.raises(InputError, match="private reflections are never shared"):
        share(journal, shared, private)
    result = _sync(journal, programme)
    assert (result.state, result.pushed) == ("synced", 2)  # the reflection, the framework
    rows = server_rows(
        programme, "SELECT trainee, title, version, entry_date, skills FROM pln.reflections"
    )
    assert rows == [
        (programme.logins["ana"], "Calm start after lunch", 1, DAY,
         [{"code": "CL1", "name": rows[0][4][0]["name"]}])
    ]  # fmt: skip
    (everything,) = server_rows(programme, _ALL_TEXT)[0]
    assert "Secret staffroom worry" not in everything
    assert "Not shared" not in everything
    # Self-ratings and the avoidance summary stay home until the user turns them on.
    assert server_rows(programme, "SELECT count(*) FROM pln.self_ratings") == [(0,)]
    assert server_rows(programme, "SELECT count(*) FROM pln.avoidance_summaries") == [(0,)]
    # The framework goes, so mentors rate on the trainee's scale and know the targets.
    ((scale, skills),) = server_rows(programme, "SELECT scale, skills FROM pln.frameworks")
    assert [lv["level"] for lv in scale] == [1, 2, 3, 4, 5]
    assert {"code": "CL1", "target_level": skills[4]["target_level"]}.items() <= skills[4].items()


def test_sync_twice_duplicates_nothing(journal, programme: Programme) -> None:
    share(journal, add(journal, "One"), add(journal, "Two"))
    ana = programme.logins["ana"]
    mentor_writes(
        programme, "maya",
        "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
        "VALUES (%s, 'CL1', 2, 'Try a countdown')", ana,
    )  # fmt: skip
    first = _sync(journal, programme)
    second = _sync(journal, programme)
    assert (first.pushed, first.feedback) == (3, 1)  # two reflections and the framework
    assert (second.pushed, second.feedback, second.comments) == (0, 0, 0)
    assert server_rows(programme, "SELECT count(*) FROM pln.reflections") == [(2,)]
    assert journal_counts(journal) == {"feedback": 1, "comments": 0, "outbox": 0}
    with journal.session() as s:
        item = s.scalars(select(FeedbackItem)).one()
        assert (item.mentor, item.level, item.comment) == ("Ms Okafor", 2, "Try a countdown")
        assert json.loads(item.raw)["kind"] == "feedback"


def test_an_edited_reflection_is_shared_again_as_a_new_version(
    journal, programme: Programme
) -> None:
    entry_id = add(journal, "First draft")
    share(journal, entry_id)
    _sync(journal, programme)
    with journal.session() as s:
        update_entry(s, entry_id, title="Second thoughts")
    result = _sync(journal, programme)
    assert result.new_versions == [entry_id]
    with programme.connect("maya") as conn:
        rows = conn.execute("SELECT version, title FROM pln.reflections ORDER BY version")
        assert rows.fetchall() == [(1, "First draft"), (2, "Second thoughts")]
    assert _sync(journal, programme).new_versions == []  # unchanged since: nothing new


def test_unshare_and_turning_private_withdraw_it_from_the_server(
    journal, programme: Programme
) -> None:
    one, two = add(journal, "One"), add(journal, "Two")
    share(journal, one, two)
    _sync(journal, programme)
    with journal.session() as s:
        sharing.unshare_entries(s, [one])
        update_entry(s, two, private=True)
    result = _sync(journal, programme)
    assert result.unshared == [two]
    assert server_rows(programme, "SELECT count(*) FROM pln.reflections") == [(0,)]
    with journal.session() as s, pytest.raises(InputError, match="is not shared"):
        sharing.unshare_entries(s, [one])


def test_mentors_feedback_sign_offs_and_comments_arrive_once(journal, programme: Programme) -> None:
    entry_id = add(journal, "Parents' evening")
    share(journal, entry_id)
    _sync(journal, programme)
    ana = programme.logins["ana"]
    (key,) = server_rows(programme, "SELECT uuid FROM pln.reflections")[0]
    mentor_writes(
        programme, "maya",
        "INSERT INTO pln.sign_offs (trainee, skill_code, level, statement) "
        "VALUES (%s, 'CL1', 4, 'Routines hold all week')", ana,
    )  # fmt: skip
    for skill, body in (("CL1", "You named the feeling"), (None, "Lovely detail")):
        mentor_writes(
            programme, "maya",
            "INSERT INTO pln.comments (trainee, reflection_uuid, reflection_version, skill_code, "
            "body) VALUES (%s, %s, 1, %s, %s)", ana, key, skill, body,
        )  # fmt: skip
    result = _sync(journal, programme)
    assert (result.feedback, result.comments) == (2, 2)  # the sign-off, the comment on CL1
    with journal.session() as s:
        ratings = s.scalars(select(Rating).where(Rating.source == RatingSource.MENTOR)).all()
        assert [(r.level, r.origin) for r in ratings] == [(4, RatingOrigin.FEEDBACK)]
        comments = s.scalars(select(ProgrammeComment).order_by(ProgrammeComment.body)).all()
        assert [(c.entry_id, c.mentor, c.body) for c in comments] == [
            (entry_id, "Ms Okafor", "Lovely detail"),
            (entry_id, "Ms Okafor", "You named the feeling"),
        ]
    again = _sync(journal, programme)
    assert (again.feedback, again.comments) == (0, 0)
    assert journal_counts(journal)["feedback"] == 2


def test_ratings_and_avoidance_are_shared_only_when_turned_on(
    journal, programme: Programme
) -> None:
    add(journal, "Anything")
    with journal.session() as s:
        skill_id = s.scalar(select(Skill.id).where(Skill.code == "CL1"))
        s.add(Rating(skill_id=skill_id, level=2, rated_on=DAY, source=RatingSource.SELF,
                     origin=RatingOrigin.SELF_ASSESSMENT))  # fmt: skip
        set_setting(s, sharing.SHARE_RATINGS, True)
        set_setting(s, sharing.SHARE_AVOIDANCE, True)
    _sync(journal, programme)
    assert server_rows(programme, "SELECT skill_code, level FROM pln.self_ratings") == [("CL1", 2)]
    assert server_rows(programme, "SELECT count(*) FROM pln.avoidance_summaries") == [(1,)]
    with journal.session() as s:
        set_setting(s, sharing.SHARE_RATINGS, False)
        set_setting(s, sharing.SHARE_AVOIDANCE, False)
    _sync(journal, programme)
    assert server_rows(programme, "SELECT count(*) FROM pln.self_ratings") == [(0,)]
    assert server_rows(programme, "SELECT count(*) FROM pln.avoidance_summaries") == [(0,)]


def test_no_server_is_a_quiet_wait_and_the_outbox_keeps_everything(journal, pg_cluster) -> None:
    with journal.session() as s:
        set_setting(s, sharing.SERVER, "host=127.0.0.1 port=9 dbname=nowhere user=ana")
    share(journal, add(journal, "Offline day"))
    result = sync(journal, password="x")
    assert result.state == "waiting"
    assert "Connection refused" in result.reason
    assert result.waiting == 2  # the reflection and the framework
    assert journal_counts(journal)["outbox"] == 2


@pytest.mark.parametrize("when", ["push", "pull"])
def test_a_server_lost_mid_sync_leaves_the_journal_as_it_was(
    journal, programme: Programme, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    share(journal, add(journal, "One"), add(journal, "Two"))
    mentor_writes(
        programme, "maya",
        "INSERT INTO pln.feedback_items (trainee, skill_code, rating) VALUES (%s, 'CL1', 3)",
        programme.logins["ana"],
    )  # fmt: skip
    before = journal_counts(journal)
    # The server ends the trainee's session (as a restart or a lost network would) just as the
    # second statement of the push, or the pull's second query, is sent.
    real_execute = psycopg.Connection.execute
    calls = {"n": 0}
    marker = "INSERT INTO pln.reflections" if when == "push" else "FROM pln.comments"

    def execute(self, query, *args, **kwargs):
        if marker in str(query):
            calls["n"] += 1
            if calls["n"] == (2 if when == "push" else 1):
                with programme.admin() as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (self.info.backend_pid,))
        return real_execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "execute", execute)
    result = _sync(journal, programme)
    assert result.state == "waiting"
    after = journal_counts(journal)
    assert (after["feedback"], after["comments"]) == (before["feedback"], before["comments"])
    # A lost push leaves the outbox whole; a lost pull comes after the push was committed.
    assert after["outbox"] == (3 if when == "push" else 0)  # 2 reflections, the framework
    shared_now = server_rows(programme, "SELECT count(*) FROM pln.reflections")
    assert shared_now == [(0 if when == "push" else 2,)]
    monkeypatch.undo()
    result = _sync(journal, programme)
    assert (result.state, result.feedback) == ("synced", 1)
    assert server_rows(programme, "SELECT count(*) FROM pln.reflections") == [(2,)]


def test_feedback_requests_made_since_joining_reach_the_programme(
    journal, programme: Programme
) -> None:
    with journal.session() as s:
        set_setting(s, sharing.JOINED_ON, DAY.isoformat())
        cl1 = s.scalar(select(Skill.id).where(Skill.code == "CL1"))
        for day, mentor in ((DAY.replace(day=1), "Before joining"), (DAY, "Ms Okafor")):
            request = FeedbackRequest(requested_on=day, mentor=mentor, file_name="ask.csv")
            request.skills.append(FeedbackRequestSkill(skill_id=cl1))
            s.add(request)
    _sync(journal, programme)
    with programme.connect("maya") as conn:
        rows = conn.execute("SELECT mentor_name, skills, requested_on FROM pln.feedback_requests")
        ((mentor, skills, day),) = rows.fetchall()
    assert (mentor, [k["code"] for k in skills], day) == ("Ms Okafor", ["CL1"], DAY)


def test_a_self_rating_given_in_a_private_reflection_stays_home(
    journal, programme: Programme
) -> None:
    private = add(journal, "Private worry", private=True)
    with journal.session() as s:
        cl1 = s.scalar(select(Skill.id).where(Skill.code == "CL1"))
        for level, entry_id in ((2, None), (4, private)):
            s.add(Rating(skill_id=cl1, level=level, rated_on=DAY, source=RatingSource.SELF,
                         origin=RatingOrigin.SELF_ASSESSMENT, entry_id=entry_id))  # fmt: skip
        set_setting(s, sharing.SHARE_RATINGS, True)
    _sync(journal, programme)
    assert server_rows(programme, "SELECT level FROM pln.self_ratings") == [(2,)]


def test_feedback_the_journal_cannot_take_is_refused_whole_and_said(
    journal, programme: Programme
) -> None:
    ana = programme.logins["ana"]
    for rating in (3, 9):  # 9 is outside the journal's scale (1-5)
        mentor_writes(
            programme, "maya",
            "INSERT INTO pln.feedback_items (trainee, skill_code, rating) VALUES (%s, 'CL1', %s)",
            ana, rating,
        )  # fmt: skip
    share(journal, add(journal, "Still sent"))
    result = _sync(journal, programme)
    assert result.state == "refused"
    assert "outside the scale" in result.reason
    assert result.pushed == 2  # the reflection and the framework
    assert journal_counts(journal)["feedback"] == 0  # all or nothing
    with programme.connect("maya") as conn:  # the mentor corrects it; the next sync takes both
        conn.execute("UPDATE pln.feedback_items SET rating = 5 WHERE rating = 9")
    again = _sync(journal, programme)
    assert (again.state, again.feedback) == ("synced", 2)


def test_joining_another_programme_sends_everything_shared_again(
    journal, programme: Programme, pg_cluster
) -> None:
    share(journal, add(journal, "Shared in the first programme"))
    joining.join(journal, programme.url("ana"))
    assert _sync(journal, programme).pushed == 2
    joining.leave(journal)
    joining.join(journal, programme.url("ana"))  # the same one again: nothing to resend
    assert _sync(journal, programme).pushed == 0
    url = pg_cluster.create_database("second_programme")
    admin.init_programme(url, "Second")
    password = admin.add_person(url, "trainee", "ana_second", "Ana")
    joining.join(
        journal, pg_cluster.url("second_programme", "ana_second") + f" password={password}"
    )
    result = sync(journal, password=password)
    assert (result.state, result.pushed) == ("synced", 2)
    with psycopg.connect(url) as conn:
        titles = conn.execute("SELECT title, version FROM pln.reflections").fetchall()
    assert titles == [("Shared in the first programme", 2)]
