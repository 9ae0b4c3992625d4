"""The editor's "Answers feedback" section: it lists the open feedback on the reflection's
skills, ticking saves the link, and a reflection that answers items shows them ticked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from plnjournal.core.feedback.importer import ImportOptions, import_feedback
from plnjournal.core.feedback.inbox import FeedbackRow
from plnjournal.core.skills.lookup import find_skill
from plnjournal.gui.journal.feedback_answers import ITEM_ID_ROLE, row_text
from plnjournal.gui.tasks import busy
from plnjournal.storage.models import Entry, EntryFeedback
from tests.conftest import TODAY

FEEDBACK = (
    "date,mentor,skill,rating,comment\n"
    "2026-09-02,Ms Okafor,PA1,1,Defensive in the debrief when we discussed the phone call "
    "to Bea's mother; you changed the subject twice.\n"
    "2026-10-01,Ms Okafor,PA1,1,Defensive in the debrief again.\n"
    "2026-10-15,Mr Brennan,AS1,4,You need to act on the marking policy & the deadlines.\n"
)


def _journal(teaching_db, tmp_path: Path):
    path = tmp_path / "f.csv"
    path.write_text(FEEDBACK, encoding="utf-8")
    assert import_feedback(teaching_db, [path], ImportOptions(today=TODAY)).imported == 3
    return teaching_db


def _link(panel, skill_id: int) -> None:
    index = panel.proxy.mapFromSource(panel.model.index_of(skill_id))
    panel.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def _rows(section) -> list[tuple[str, bool]]:
    return [(item.text(0), item.checkState(0) == Qt.CheckState.Checked) for item in section.items()]


def _tick(section, row: int, on: bool = True) -> None:
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    section.items()[row].setCheckState(0, state)


def _answers(db) -> set[tuple[int, int]]:
    with db.session() as s:
        return {(r.entry_id, r.feedback_item_id) for r in s.scalars(select(EntryFeedback))}


def test_ticking_an_item_saves_the_link_and_reopening_shows_it(
    qtbot, make_window, teaching_db, tmp_path
) -> None:
    db = _journal(teaching_db, tmp_path)
    window = make_window(db)
    journal = window.journal
    section = journal.answers
    assert section.isHidden()  # no skill linked: nothing to answer
    qtbot.keyClicks(journal.editor.body, "Why I keep changing the subject.")
    with db.session() as s:
        pa1 = find_skill(s, "PA1").id
    _link(journal.skills, pa1)
    qtbot.waitUntil(lambda: len(section.items()) == 2)
    qtbot.waitUntil(lambda: not busy())
    assert section.isVisible()
    texts = [text for text, _ in _rows(section)]
    assert texts[0].startswith("Ms Okafor, 2 Sep 2026, PA1: rated 1 (Novice)\n\u201cDefensive")
    assert texts[0].endswith("\u2026\u201d") and len(texts[0]) < 120  # the comment is cut
    assert texts[1].startswith("Ms Okafor, 1 Oct 2026, PA1")
    assert not any(ticked for _, ticked in _rows(section))
    first_id = section.items()[0].data(0, ITEM_ID_ROLE)
    with qtbot.waitSignal(window.data_changed) as changed:
        _tick(section, 0)
    assert "feedback" in changed.args[0]
    qtbot.waitUntil(lambda: not busy())
    with db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert entry.body == "Why I keep changing the subject."  # the text is saved with it
    assert _answers(db) == {(entry.id, first_id)}
    # The item stays listed, ticked: this reflection answers it.
    assert [t for _, t in _rows(section)] == [True, False]
    # Away and back: the reflection shows what it answers.
    window.actions_by_name["previous_day"].trigger()
    qtbot.waitUntil(lambda: not busy())
    assert section.isHidden()
    window.actions_by_name["next_day"].trigger()
    qtbot.waitUntil(lambda: len(section.items()) == 2)
    assert [t for _, t in _rows(section)] == [True, False]
    # Unticking puts the item back in the inbox.
    _tick(section, 0, False)
    qtbot.waitUntil(lambda: not busy())
    assert _answers(db) == set()


def test_a_new_reflection_on_the_skill_offers_only_what_is_still_open(
    qtbot, make_window, teaching_db, tmp_path
) -> None:
    db = _journal(teaching_db, tmp_path)
    with db.session() as s:
        pa1, as1 = find_skill(s, "PA1").id, find_skill(s, "AS1").id
    window = make_window(db)
    journal = window.journal
    section = journal.answers
    journal.editor.body.setPlainText("About the debriefs.")
    _link(journal.skills, pa1)
    qtbot.waitUntil(lambda: len(section.items()) == 2)
    _tick(section, 1)
    qtbot.waitUntil(lambda: not busy())
    journal.new_entry()
    journal.editor.body.setPlainText("Marking, and the debriefs again.")
    _link(journal.skills, pa1)
    _link(journal.skills, as1)
    qtbot.waitUntil(lambda: len(section.items()) == 2 and not busy())
    texts = [t for t, _ in _rows(section)]
    assert texts[0].startswith("Ms Okafor, 2 Sep 2026")  # the other one is answered
    # A "&" in a comment is shown, not taken for a keyboard shortcut.
    assert "marking policy & the deadlines" in texts[1]


def test_the_inbox_s_respond_opens_a_reflection_showing_the_item_ticked(
    qtbot, make_window, teaching_db, tmp_path
) -> None:
    db = _journal(teaching_db, tmp_path)
    window = make_window(db)
    window.feedback_feature.show_feedback(inbox=True)
    inbox = window.feedback_feature.feedback_window.inbox
    qtbot.waitUntil(lambda: len(inbox.model.rows) == 3, timeout=10_000)
    first = next(r for r in inbox.model.rows if r.skill_code == "PA1")  # one of two on PA1
    inbox.select_item(first.id)
    assert inbox.current_item() == first
    inbox.respond_button.click()
    section = window.journal.answers
    qtbot.waitUntil(lambda: len(section.items()) == 2 and not busy(), timeout=10_000)
    assert section.ticked() == {first.id}


def test_a_row_says_who_when_and_what_in_plain_text() -> None:
    row = FeedbackRow(
        7,
        dt.date(2026, 11, 3),
        "",
        1,
        "CL1",
        "Managing transitions",
        3,
        None,
        "",
        "<b>Rushed</b>\nthe   plenary",
        "f.csv",
        2,
        False,
    )
    assert row_text(row) == "A mentor, 3 Nov 2026, CL1\n\u201c<b>Rushed</b> the plenary\u201d"
