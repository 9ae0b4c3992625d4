"""A brand-new journal: no screen contradicts itself, and each says what it will show and
offers the one action that fills it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from plnjournal.gui.tasks import busy, wait_for_background_work
from tests.conftest import TODAY

SLOW = 60_000


def _settle(qtbot) -> None:
    qtbot.waitUntil(lambda: not busy(), timeout=SLOW)
    QApplication.processEvents()


def test_insights_on_a_new_journal_says_what_it_will_show_instead_of_zeros(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    view = window.insights_feature.show()
    qtbot.waitUntil(lambda: bool(view.scores), timeout=SLOW)
    assert view.empty_state.isVisible() and not view.tabs.isVisible()
    assert not view.getting_started.isVisible()  # one message, not two
    assert "will show here" in view.empty_state.heading.text()
    assert view.empty_state.button.text() == "Write your first reflection"
    assert view.empty_state.button.property("primary")
    view.empty_state.button.click()  # today's reflection, the editor ready
    assert window.journal.day == TODAY
    wait_for_background_work()


def test_insights_on_a_journal_in_use_shows_its_list(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    view = window.insights_feature.show()
    qtbot.waitUntil(lambda: bool(view.scores), timeout=SLOW)
    assert view.tabs.isVisible() and not view.empty_state.isVisible()
    wait_for_background_work()


def test_the_inbox_of_a_new_journal_says_nothing_was_imported_and_offers_the_import(
    qtbot, make_window, teaching_db
) -> None:
    window = make_window(teaching_db)
    feature = window.feedback_feature
    feature.show_feedback(inbox=True)
    panel = feature.feedback_window.inbox
    qtbot.waitUntil(panel.empty_state.isVisible, timeout=SLOW)
    assert "No feedback" in panel.empty_state.heading.text()
    assert "Nothing is waiting" not in panel.empty.text() or not panel.empty.isVisible()
    assert not panel.split.isVisible() and not panel.search.isVisible()  # nothing to search
    panel.empty_state.button.click()
    assert feature.import_dialog is not None and feature.import_dialog.isVisible()
    feature.import_dialog.close()
    _settle(qtbot)


def test_an_inbox_with_everything_answered_says_nothing_is_waiting(qtbot, teaching_db) -> None:
    from plnjournal.core.feedback.items import add_feedback_item
    from plnjournal.core.skills.lookup import find_skill
    from plnjournal.gui.feedback.view import FeedbackWindow
    from plnjournal.storage.models import FeedbackImport

    with teaching_db.session() as s:
        imp = FeedbackImport(file_name="f.csv", sha256="2" * 64, format="csv")
        s.add(imp)
        add_feedback_item(
            s,
            imp,
            skill=find_skill(s, "PL1"),
            mentor="Ms Okafor",
            given_on=TODAY,
            level=5,
            comment="",
            line=1,
            raw={},
        )
    window = FeedbackWindow(teaching_db)
    qtbot.addWidget(window)
    window.show()
    _settle(qtbot)
    assert not window.inbox.empty_state.isVisible() and window.inbox.split.isVisible()
    assert window.inbox.empty.text().startswith("Nothing is waiting")


def test_the_matrix_of_a_new_journal_explains_itself_and_holds_nothing_against_it(
    qtbot, teaching_db
) -> None:
    from plnjournal.gui.skills import matrix_model as mm
    from plnjournal.gui.skills.matrix_view import SkillMatrixView

    view = SkillMatrixView(teaching_db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 27, timeout=SLOW)
    assert view.intro.isVisible() and view.intro_button.text() == "Rate yourself…"
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.index(r, mm.LAST).data())
    last = model.index(row, mm.LAST)
    assert last.data() == "not yet"
    assert last.data(mm.TONE_ROLE) in (None, mm.Tone.NONE)
    assert "0 never reflected on" in view.status.text()
    view.proxy.set_quick_filter(mm.QuickFilter.OVERDUE)  # nothing is overdue on day one
    assert view.proxy.rowCount() == 0
    view.proxy.set_quick_filter(mm.QuickFilter.ALL)
    with qtbot.waitSignal(view.self_assess_requested):
        view.intro_button.click()


def test_the_matrix_of_a_journal_in_use_keeps_its_warnings(qtbot, demo_db) -> None:
    from plnjournal.gui.skills import matrix_model as mm
    from plnjournal.gui.skills.matrix_view import SkillMatrixView

    view = SkillMatrixView(demo_db)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 27, timeout=SLOW)
    qtbot.waitUntil(lambda: view.model.attention(view.model.row_data(0).skill_id) is not None)
    assert not view.intro.isVisible()
    model = view.model
    never = [r for r in range(model.rowCount()) if model.index(r, mm.LAST).data() == "never"]
    # The warning is the skill's avoidance band, in the Attention column (issue 21, item 1).
    assert never and all(
        model.index(r, mm.ATTENTION).data(mm.TONE_ROLE) == mm.Tone.BAD for r in never
    )


def test_a_young_journal_s_unreached_skills_read_not_yet_in_insights_as_in_the_matrix(
    teaching_db,
) -> None:
    from plnjournal.core.insights.avoidance import avoidance_scores
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.skills.lookup import find_skill
    from plnjournal.gui.insights import avoidance_model as am

    with teaching_db.session() as s:
        add_entry(s, entry_date=TODAY, body="Day one.", skills={find_skill(s, "PL1").id: None})
        scores = avoidance_scores(s, TODAY)
    model = am.AvoidanceTableModel()
    model.set_scores(scores)
    last = {model.index(r, am.CODE).data(): model.index(r, am.LAST).data() for r in range(27)}
    assert last["PL2"] == "not yet" and last["PL1"].endswith("(today)")
    assert "never" not in last.values()
