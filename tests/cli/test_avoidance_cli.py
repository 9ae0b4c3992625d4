"""``plnjournal avoidance``: the JSON shape, the text report, dates, limits and errors."""

from __future__ import annotations

import re

from plnjournal.storage.db import Database
from tests.cli.conftest import Cli
from tests.conftest import TODAY


def test_json_shape_and_order(cli: Cli, demo_db: Database) -> None:
    r = cli("avoidance", "--as-of", TODAY.isoformat(), "--json", db=demo_db.path)
    assert r.code == 0, r.err
    data = r.json()
    assert len(data) == 27
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    first = data[0]
    assert set(first) == {
        "code",
        "skill",
        "area",
        "score",
        "band",
        "reasons",
        "good_news",
        "signals",
        "last_reflected",
        "getting_started",
    }
    assert first["band"] in ("act now", "watch", "fine")
    assert first["code"] == "PA1" and first["last_reflected"] is None
    assert first["skill"] == "Difficult conversations with parents"
    assert first["area"] == "Partnerships"
    assert all(isinstance(x, str) for x in first["reasons"])
    assert set(first["signals"]["overdue"]) == {"weight", "strength", "points", "reason"}
    # The score is the sum of the signals' points (before rounding).
    for d in data:
        total = sum(sig["weight"] * sig["strength"] for sig in d["signals"].values())
        assert abs(total - d["score"]) <= 0.5 + 0.01
    dated = [d for d in data if d["last_reflected"]]
    assert all(d["last_reflected"] <= TODAY.isoformat() for d in dated)


def test_as_of_is_deterministic_and_ignores_later_entries(cli: Cli, demo_db: Database) -> None:
    early = "2026-06-30"
    a = cli("avoidance", "--as-of", early, "--json", db=demo_db.path).json()
    b = cli("avoidance", "--as-of", early, "--json", db=demo_db.path).json()
    assert a == b
    assert all((d["last_reflected"] or "") <= early for d in a)
    assert a != cli("avoidance", "--as-of", TODAY.isoformat(), "--json", db=demo_db.path).json()


def test_text_report_and_limit(cli: Cli, demo_db: Database) -> None:
    r = cli("avoidance", "--as-of", TODAY.isoformat(), "--limit", "2", db=demo_db.path)
    assert r.code == 0
    assert "PA1  Difficult conversations with parents  (Partnerships)" in r.out
    assert re.search(
        r"\n {7}- Never reflected on in 36\d days of journaling \(you aimed for every 14\)\n", r.out
    )
    assert "… 25 more; --limit 27 shows all." in r.out
    assert len(cli("avoidance", "--json", "--limit", "3", db=demo_db.path).json()) == 3


def test_bad_input(cli: Cli, demo_db: Database) -> None:
    r = cli("avoidance", "--as-of", "03/11/2026", db=demo_db.path)
    assert r.code == 2 and r.err.startswith("plnjournal: error: --as-of: '03/11/2026' is not")
    r = cli("avoidance", "--limit", "0", db=demo_db.path)
    assert r.code == 2 and "must be 1 or more" in r.err


def test_empty_journal(cli: Cli, db: Database) -> None:
    r = cli("avoidance")
    assert r.code == 0 and "no active skills framework" in r.out
    assert cli("avoidance", "--json").json() == []


def test_the_command_line_prints_the_models_numbers(cli, demo_db) -> None:
    from plnjournal.core.insights.avoidance import avoidance_scores

    with demo_db.session() as s:
        scores = avoidance_scores(s, TODAY)
    r = cli("avoidance", "--as-of", TODAY.isoformat(), "--json", db=demo_db.path)
    assert r.code == 0, r.err
    assert [(d["code"], d["score"], d["band"]) for d in r.json()] == [
        (x.code, x.score, str(x.band)) for x in scores
    ]
