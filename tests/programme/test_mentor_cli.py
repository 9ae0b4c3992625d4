"""The mentor's and the lead's commands: the password from a file (never the command line),
the same refusals as the core, the coverage CSV; no journal is made or opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from psycopg.types.json import Jsonb

from tests.cli.conftest import Cli
from tests.programme.conftest import Programme


@pytest.fixture
def as_person(programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run commands as ``who``: their address in $PLNJOURNAL_PROGRAMME_SERVER, their password
    in the file $PLNJOURNAL_PASSWORD_FILE names."""

    def use(who: str) -> None:
        secret = tmp_path / f"{who}.password"
        secret.write_text(programme.passwords[who] + "\n", encoding="utf-8")
        monkeypatch.setenv("PLNJOURNAL_PASSWORD_FILE", str(secret))
        monkeypatch.setenv("PLNJOURNAL_PROGRAMME_SERVER", programme.address(who))

    return use


def test_a_mentor_reads_and_writes_from_the_command_line(
    cli: Cli, programme: Programme, as_person, tmp_path: Path
) -> None:
    ana = programme.logins["ana"]
    with programme.connect("ana") as conn:
        conn.execute(
            "INSERT INTO pln.reflections (uuid, version, title, body, entry_date, skills) VALUES "
            "('6f1c2a9e-0000-4000-8000-000000000001', 1, 'Calm start', 'It worked.', "
            "'2026-11-02', %s)",
            (Jsonb([{"code": "CL1", "name": "Routines"}]),),
        )
    as_person("maya")
    journal = tmp_path / "none.sqlite3"
    listed = cli("--db", str(journal), "mentor", "list", db=None)
    assert listed.code == 0, listed.err
    assert f"{ana} (Ana Lopez): 1 unread" in listed.out
    shown = json.loads(cli("mentor", "read", ana, "--json", "--keep-unread", db=None).out)
    assert [(r["title"], r["read"]) for r in shown["reflections"]] == [("Calm start", False)]
    assert shown["framework"]["scale"][0] == [1, "Novice"]  # none shared: the default scale
    read = cli("mentor", "read", ana, db=None)
    assert "Calm start [new]" in read.out
    assert "1 unread" not in cli("mentor", "list", db=None).out
    wrote = cli("mentor", "feedback", ana, "CL1", "3", "Good *routines*.", db=None)
    assert wrote.code == 0, wrote.err
    assert cli("mentor", "comment", "6f1c2a9e", "Try it after break too.", db=None).code == 0
    signed = cli("mentor", "signoff", ana, "CL1", "3", "Seen in three lessons.", db=None)
    assert "at 3 Competent" in signed.out
    refused = cli("mentor", "signoff", programme.logins["ben"], "CL1", "3", "No.", db=None)
    assert (refused.code, refused.err.count("\n")) == (2, 1)
    assert "is not one of your trainees" in refused.err
    assert not journal.exists()  # a mentor needs no journal


def test_a_password_on_the_command_line_is_refused(cli: Cli, programme: Programme) -> None:
    result = cli("mentor", "list", "--server", programme.url("maya"), db=None)
    assert result.code == 2
    assert "leave the password out of the address" in result.err


def test_the_lead_exports_the_coverage(
    cli: Cli, programme: Programme, as_person, tmp_path: Path
) -> None:
    with programme.connect("ana") as conn:
        conn.execute(
            "INSERT INTO pln.avoidance_summaries (skills) VALUES (%s)",
            (Jsonb([{"code": "PL4", "name": "Assessment evidence", "score": 75}]),),
        )
    as_person("lee")
    out = tmp_path / "coverage.csv"
    result = cli("programme", "coverage", "--weeks", "2", "--csv", str(out), db=None)
    assert result.code == 0, result.err
    assert "2 trainee(s); 1 share what they avoid." in result.out
    assert "PL4 Assessment evidence: 1, 75" in result.out
    assert "No mentor contact for 2 weeks: 2" in result.out
    assert out.read_text(encoding="utf-8").splitlines()[1] == (
        "avoided skill,PL4,Assessment evidence,1,75.0,,"
    )
    as_person("maya")
    refused = cli("programme", "coverage", db=None)
    assert (refused.code, "for the programme's lead" in refused.err) == (2, True)
