"""The side panels and the hard-conversation panel, checked by what the database holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from plnjournal.core.skills.lookup import find_skill
from plnjournal.gui.journal.commitment_dialog import CommitmentDialog
from plnjournal.gui.tasks import busy
from plnjournal.storage.models import Commitment, Entry, EntrySkill, Nudge, Rating
from plnjournal.values import CommitmentState, NudgeAction, RatingOrigin
from tests.conftest import TODAY


def _skill_id(db, code: str) -> int:
    with db.session() as s:
        return find_skill(s, code).id


def test_tag_skills_with_self_ratings_and_comfort(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    panel = journal.skills
    qtbot.keyClicks(journal.editor.body, "Phoned Bea's mum about the detention.")
    pa1, cl1 = _skill_id(teaching_db, "PA1"), _skill_id(teaching_db, "CL1")
    panel.search.setText("parents")
    visible = panel.proxy.rowCount()
    assert visible >= 1  # filtered to the areas with a matching skill
    panel.search.clear()
    # Tick CL1 in the tree, and rate PA1 with the combo (which links it).
    cl1_index = panel.proxy.mapFromSource(panel.model.index_of(cl1))
    panel.proxy.setData(cl1_index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    panel.select_skill(pa1)
    assert panel.rating.isEnabled()
    level2 = panel.rating.findData(2)
    panel.rating.setCurrentIndex(level2)
    panel.rating.activated.emit(level2)
    assert panel.descriptor.text().startswith("2 · Advanced beginner: ")
    panel.comfort.setCurrentIndex(panel.comfort.findData(4))
    panel.comfort.activated.emit(panel.comfort.currentIndex())
    qtbot.waitUntil(lambda: not busy())  # written in order on the write worker
    with teaching_db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert entry.body == "Phoned Bea's mum about the detention."  # saved with the links
        assert entry.comfort == 4
        links = {
            link.skill_id: link.self_rating
            for link in s.scalars(select(EntrySkill).where(EntrySkill.entry_id == entry.id))
        }
        assert links == {cl1: None, pa1: 2}
        rating = s.scalars(select(Rating)).one()
        assert (rating.skill_id, rating.level, rating.origin) == (pa1, 2, RatingOrigin.ENTRY)
    # Untick CL1: the link goes, the other stays.
    panel.proxy.setData(
        panel.proxy.mapFromSource(panel.model.index_of(cl1)),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    qtbot.waitUntil(lambda: not busy())
    with teaching_db.session() as s:
        assert set(s.scalars(select(EntrySkill.skill_id))) == {pa1}
    # Coming back to the entry shows its links and comfort.
    window.actions_by_name["previous_day"].trigger()
    assert panel.links() == {}
    window.actions_by_name["next_day"].trigger()
    assert panel.links() == {pa1: 2} and panel.comfort.currentData() == 4


def test_add_close_and_drop_commitments(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    journal = window.journal
    body = (
        "## Now what?\n\n> What will you do?\n\n"
        "- Phone Bea's mum by 2026-12-01\n- Re-plan the starter for 9B\n"
    )
    journal.editor.body.setPlainText(body)
    journal.editor.flush()
    panel = journal.commitments
    qtbot.waitUntil(lambda: panel.from_entry_button.isVisibleTo(panel))  # counted off the GUI
    assert panel.from_entry_button.isVisibleTo(panel)
    assert "2 action-plan lines" in panel.from_entry_button.text()
    pa1 = _skill_id(teaching_db, "PA1")
    with teaching_db.session() as s:
        from plnjournal.core.journal.commitments import proposals_for_entry

        proposals = proposals_for_entry(s, journal.editor.entry_id)
    dialog = CommitmentDialog(
        journal._skill_choices(),
        default_due=TODAY + dt.timedelta(days=7),
        default_skill=pa1,
        proposals=proposals,
        parent=window,
    )
    qtbot.addWidget(dialog)
    dialog.lines.item(1).setCheckState(Qt.CheckState.Unchecked)
    journal.records.commit_from_entry(dialog=dialog)
    qtbot.waitUntil(lambda: len(panel.model.rows) == 1)  # read, then written, on the worker
    extra = CommitmentDialog(journal._skill_choices(), default_due=TODAY, parent=window)
    qtbot.addWidget(extra)
    extra.text.setText("Read the behaviour policy")
    journal.records.add_commitment(dialog=extra)
    qtbot.waitUntil(lambda: len(panel.model.rows) == 2 and not busy())
    with teaching_db.session() as s:
        made = s.scalars(select(Commitment).order_by(Commitment.id)).all()
        assert [(c.text, c.due_on, c.skill_id) for c in made] == [
            ("Phone Bea's mum by 2026-12-01", dt.date(2026, 12, 1), pa1),
            ("Read the behaviour policy", TODAY, None),
        ]
        assert made[0].entry_id == journal.editor.entry_id and made[1].entry_id is None
    assert [r.text for r in panel.model.rows] == [c.text for c in made][::-1]  # soonest first
    assert "1 action-plan line " in panel.from_entry_button.text() + " "
    panel.select(made[1].id)
    panel.mark_selected_done()
    panel.select(made[0].id)
    panel.drop_selected("Her mum called me first")
    qtbot.waitUntil(lambda: not busy())
    with teaching_db.session() as s:
        done, dropped = s.get(Commitment, made[1].id), s.get(Commitment, made[0].id)
        assert (done.state, done.closed_on) == (CommitmentState.DONE, TODAY)
        assert (dropped.state, dropped.reason) == (
            CommitmentState.DROPPED,
            "Her mum called me first",
        )
    assert panel.model.rows == []


def test_overdue_commitments_are_marked(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    panel = window.journal.commitments
    overdue = [r for r in panel.model.rows if r.overdue]
    assert overdue and all(r.due_on < TODAY for r in overdue)
    assert "overdue" in panel.summary.text()
    index = panel.model.index(panel.model.rows.index(overdue[0]), 0)
    assert panel.model.data(index, Qt.ItemDataRole.ForegroundRole) is not None


def test_hard_conversation_write_now_links_the_skill_and_keeps_focus(
    qtbot, make_window, demo_db
) -> None:
    window = make_window(demo_db)
    journal = window.journal
    nudge_panel = journal.nudge
    qtbot.waitUntil(lambda: nudge_panel.nudge is not None)  # worked out off the GUI thread
    nudge = nudge_panel.nudge
    assert nudge is not None and nudge_panel.isVisible()
    assert journal.editor.body.hasFocus()
    qtbot.mouseClick(nudge_panel.write_button, Qt.MouseButton.LeftButton)
    question = f"> {nudge.question}"
    qtbot.waitUntil(lambda: journal.editor.body.toPlainText().startswith(question))
    qtbot.waitUntil(lambda: not busy())  # recorded, written and worked out again
    assert journal.editor.body.hasFocus()  # the panel never takes the keyboard
    assert not nudge_panel.isVisible()
    entry_id = journal.editor.entry_id
    assert journal.editor.body.toPlainText().startswith(f"> {nudge.question}")
    qtbot.keyClicks(journal.editor.body, "I will phone them on Monday.")
    journal.editor.flush()
    with demo_db.session() as s:
        entry = s.get(Entry, entry_id)
        assert entry.entry_date == TODAY and entry.body.endswith("I will phone them on Monday.")
        assert [link.skill_id for link in entry.skill_links] == [nudge.skill_id]
        actions = (
            s.execute(
                select(Nudge.action).where(
                    Nudge.shown_on == TODAY, Nudge.skill_id == nudge.skill_id
                )
            )
            .scalars()
            .all()
        )
        assert NudgeAction.SHOWN in actions and NudgeAction.WRITTEN in actions
    assert journal.skills.links() == {nudge.skill_id: None}


def test_hard_conversation_not_today_and_snooze(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    panel = window.journal.nudge
    qtbot.waitUntil(lambda: panel.nudge is not None)
    first = panel.nudge
    panel.dismiss("Parents' evening is next week")
    qtbot.waitUntil(lambda: not busy())  # recorded, then worked out again, off the GUI thread
    assert panel.nudge is None and not panel.isVisible()
    assert window.status_text.text().startswith("Noted: not today")
    # Tomorrow it asks again; snoozing leaves that skill out until the date.
    later = make_window(demo_db, today=TODAY + dt.timedelta(days=1))
    panel2 = later.journal.nudge
    qtbot.waitUntil(lambda: panel2.nudge is not None)
    second = panel2.nudge
    assert second is not None
    panel2.snooze(TODAY + dt.timedelta(days=8))
    qtbot.waitUntil(lambda: not busy())
    with demo_db.session() as s:
        rows = s.execute(
            select(Nudge.action, Nudge.reason, Nudge.snooze_until, Nudge.skill_id)
            .where(Nudge.shown_on >= TODAY, Nudge.action != NudgeAction.SHOWN)
            .order_by(Nudge.id)
        ).all()
    assert rows == [
        (NudgeAction.DISMISSED, "Parents' evening is next week", None, first.skill_id),
        (NudgeAction.SNOOZED, "", TODAY + dt.timedelta(days=8), second.skill_id),
    ]
    assert panel2.nudge is None
