"""'What you avoid': the most avoided skill unmistakable above the list (band colour, score as
a bar, every reason in full, "Write about it now" as the primary action), and no bare numbers
in the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from plnjournal.core.escape import escape
from tests.conftest import TODAY

SLOW = 90_000


@pytest.fixture
def view(qtbot, demo_db):
    from plnjournal.gui.insights.view import InsightsView
    from plnjournal.gui.tasks import wait_for_background_work

    view = InsightsView(demo_db)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    qtbot.waitExposed(view)
    view.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: view.status.text() == "27 skills scored", timeout=SLOW)
    yield view
    wait_for_background_work()


def test_the_most_avoided_skill_is_unmistakable(qtbot, view) -> None:
    card, top = view.focus, view.scores[0]
    assert card.isVisible() and card.score is top and top.code == "PA1"
    assert "PA1" in card.title.text() and "Difficult conversations" in card.title.text()
    assert card.title.font().pointSizeF() > view.table.font().pointSizeF()  # larger
    assert "Act now" in card.chip.text()
    assert "95 out of 100" in card.score_label.text() and card.bar.score == 95
    # Every reason in full, wrapped, and the label tall enough to show them all.
    assert card.reasons.wordWrap()
    assert all(escape(r) in card.reasons.text() for r in top.reasons)
    assert card.reasons.height() >= card.reasons.heightForWidth(card.reasons.width())
    # The one primary action.
    assert card.write_button.isDefault() and card.write_button.text() == "Write about it now"
    view.table.selectRow(5)  # whatever is selected, the card writes about the top skill
    with qtbot.waitSignal(view.write_requested) as signal:
        qtbot.mouseClick(card.write_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == top.skill_id


def test_the_list_says_what_its_numbers_are(view) -> None:
    from plnjournal.gui.insights import avoidance_model as am

    model = view.table.model()
    assert view.table.isColumnHidden(am.RANK)  # the order is the rank
    header = model.headerData(am.SCORE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert "out of 100" in header
    assert model.index(0, am.BAND).data() == "▲▲ act now"
    assert model.index(0, am.SCORE).data(am.SCORE_ROLE) == 95  # drawn as a bar too
