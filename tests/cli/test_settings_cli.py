"""``plnjournal settings language``: show and set the language reflections are read in."""

from __future__ import annotations

from plnjournal.core.journal.settings import journal_language
from plnjournal.storage.db import open_database


def test_set_show_and_unset_the_language(cli, db_path) -> None:
    r = cli("settings", "language", "fr")
    assert r.code == 0
    assert r.out == "From now on reflections are read as French (fr).\n"
    assert cli("settings", "language").out == "Reflections are read as French (fr).\n"
    db = open_database(db_path)
    with db.session() as s:
        assert journal_language(s) == "fr"
    db.close()
    assert cli("settings", "language", "auto").code == 0
    r = cli("settings", "language")
    assert r.out == "Each reflection's language is detected from its text (auto).\n"


def test_an_unknown_language_is_refused(cli) -> None:
    r = cli("settings", "language", "it")
    assert r.code == 2
    assert "invalid choice: 'it'" in r.err
