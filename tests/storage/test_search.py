"""Full-text search: ranking, snippets, phrases, prefixes, and an index kept in sync."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plnjournal.core.journal.entries import add_entry, delete_entry, update_entry
from plnjournal.core.journal.search import search, snippet_html, snippet_plain
from plnjournal.errors import InputError
from plnjournal.storage.search import HL_START, to_fts_query

D = dt.date(2026, 11, 3)


def _add(s, title: str, body: str, day: dt.date = D) -> int:
    return add_entry(s, entry_date=day, title=title, body=body).id


def test_title_match_ranks_above_passing_mention(db) -> None:
    with db.session() as s:
        passing = _add(s, "Marking", "Long evening of marking. Parents were mentioned once.")
        titled = _add(s, "Parents evening", "Three conversations, one hard one.")
        _add(s, "Unrelated", "Nothing about that here.")
        hits = search(s, "parents")
    assert [h.entry_id for h in hits] == [titled, passing]


def test_snippet_highlights_matched_words(db) -> None:
    with db.session() as s:
        _add(s, "Observation", "My mentor watched the transition after lunch and took notes.")
        (hit,) = search(s, "transition")
    assert HL_START in hit.snippet
    assert "[transition]" in snippet_plain(hit.snippet)
    assert "<b>transition</b>" in snippet_html(hit.snippet)


def test_snippet_html_escapes_the_users_text(db) -> None:
    with db.session() as s:
        _add(s, "Tags", "I wrote <script>alert(1)</script> about feedback")
        (hit,) = search(s, "feedback")
    html = snippet_html(hit.snippet)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_snippets_read_markdown_as_plain_text(db) -> None:
    from plnjournal.core.journal.search import snippet_highlights

    with db.session() as s:
        _add(s, "Model", "## What?\n**What went well?** The _transition_ after lunch was calm.")
        (hit,) = search(s, "transition")
    for shown in (snippet_plain(hit.snippet), snippet_html(hit.snippet)):
        assert "**" not in shown and "##" not in shown and "_transition_" not in shown
    text, marks = snippet_highlights(hit.snippet)
    assert "What went well? The transition after lunch" in text
    assert [text[a:b] for a, b in marks] == ["transition"]


def test_phrase_and_prefix(db) -> None:
    with db.session() as s:
        a = _add(s, "A", "a difficult conversation with a parent")
        b = _add(s, "B", "the conversation was not difficult at all")
        assert [h.entry_id for h in search(s, '"difficult conversation"')] == [a]
        assert {h.entry_id for h in search(s, "conv*")} == {a, b}
        assert {h.entry_id for h in search(s, "parent OR all")} == {a, b}


def test_accents_are_ignored(db) -> None:
    with db.session() as s:
        e = _add(s, "Café", "Réunion with the team")
        assert [h.entry_id for h in search(s, "reunion")] == [e]


def test_edited_entry_leaves_old_results(db) -> None:
    with db.session() as s:
        e = _add(s, "Behaviour", "Callum refused to start the task")
    with db.session() as s:
        update_entry(s, e, body="A calm lesson; everyone started at once")
    with db.session() as s:
        assert search(s, "refused") == []
        assert [h.entry_id for h in search(s, "calm")] == [e]


def test_deleted_entry_disappears(db) -> None:
    with db.session() as s:
        e = _add(s, "Behaviour", "Callum refused to start the task")
    with db.session() as s:
        delete_entry(s, e)
    with db.session() as s:
        assert search(s, "refused") == []


def test_date_filter(db) -> None:
    with db.session() as s:
        old = _add(s, "Old", "feedback", dt.date(2025, 1, 1))
        new = _add(s, "New", "feedback", dt.date(2026, 1, 1))
        assert [h.entry_id for h in search(s, "feedback", date_from=dt.date(2025, 6, 1))] == [new]
        assert [h.entry_id for h in search(s, "feedback", date_to=dt.date(2025, 6, 1))] == [old]


def test_skill_filter(teaching_db) -> None:
    from plnjournal.core.skills.lookup import find_skill

    with teaching_db.session() as s:
        skill = find_skill(s, "CL1")
        linked = add_entry(s, entry_date=D, title="t", body="routine", skills={skill.id: None}).id
        _add(s, "u", "routine")
        assert [h.entry_id for h in search(s, "routine", skill="cl1")] == [linked]


def test_empty_query_is_an_input_error(db) -> None:
    with db.session() as s, pytest.raises(InputError, match="nothing to search"):
        search(s, ' " * ( ')


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_typed_query_is_safe(text: str) -> None:
    """Whatever the user types becomes a valid FTS5 query or a clear InputError."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    try:
        query = to_fts_query(text)
    except InputError:
        return
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_snippets_highlight_prefixes_phrases_and_folded_accents(db) -> None:
    with db.session() as s:
        _add(s, "Notes", "The Réunion ran long; transitions after lunch were a seating plan mess.")
        (hit,) = search(s, 'reunion transit* "seating plan"')
    text = snippet_plain(hit.snippet)
    assert "[Réunion]" in text and "[transitions]" in text and "[seating plan]" in text


def test_a_word_in_very_many_reflections_ranks_the_most_recently_added(db, monkeypatch) -> None:
    """Past RANK_WINDOW matches only the most recently added are ranked, and the page says so;
    a date range reaches the others."""
    from plnjournal.core.journal.search import order_explained, search_page
    from plnjournal.storage import search as fts

    monkeypatch.setattr(fts, "RANK_WINDOW", 3)
    with db.session() as s:
        oldest = _add(s, "Feedback feedback", "feedback from my mentor", dt.date(2025, 1, 1))
        newer = [_add(s, "Day", f"some feedback {i}", dt.date(2026, 1, 1 + i)) for i in range(4)]
        page = search_page(s, "feedback")
        assert (page.total, page.ranked, page.ranked_newest) == (5, 3, True)
        assert {h.entry_id for h in page.hits} == set(newer[-3:])
        explained = order_explained(page)
        assert "5 reflections match" in explained and "3 most recently added" in explained
        # The best match overall is reached with dates, and ranked first among them.
        page = search_page(s, "feedback", date_to=dt.date(2026, 1, 1))
        assert (page.total, page.ranked_newest) == (2, False)
        assert [h.entry_id for h in page.hits] == [oldest, newer[0]]
        assert order_explained(page) == "2 reflections match, best first."
        # Under the window, the order is the plain BM25 order, best first.
        monkeypatch.setattr(fts, "RANK_WINDOW", 1000)
        assert search(s, "feedback", limit=1)[0].entry_id == oldest


def test_inflected_forms_are_found_the_exact_word_first(db) -> None:
    """'parents' finds 'parent' and 'parenting'; the reflection with the exact word ranks
    first (issue 20, finding 6)."""
    with db.session() as s:
        inflected = _add(s, "Call", "I called the parent back after school.")
        exact = _add(s, "Evening", "Two parents came to the evening.")
        other = _add(s, "Plenary", "Started the plenary on time.")
        hits = search(s, "parents")
        assert [h.entry_id for h in hits] == [exact, inflected]
        assert other not in [h.entry_id for h in search(s, "families")]
        family = _add(s, "Home", "Her family moved house.")
        assert [h.entry_id for h in search(s, "families")] == [family]


def test_inflected_forms_in_the_journals_language(db) -> None:
    from plnjournal.core.journal.settings import set_journal_language

    with db.session() as s:
        set_journal_language(s, "fr")
        e = _add(s, "Réunion", "Les réunions avec les familles se sont bien passées.")
        assert [h.entry_id for h in search(s, "réunion")] == [e]
        assert [h.entry_id for h in search(s, "famille")] == [e]
