"""The Insights window: the ranked list with reasons, the charts on a QtAgg canvas drawn off
the GUI thread, hover and click details, export, and refreshing after a change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.conftest import TODAY

SLOW = 90_000  # ms: a loaded 2-core machine draws the first chart slowly


def test_ranking_model(qtmodeltester, demo_db) -> None:
    from plnjournal.core.insights.avoidance import avoidance_scores
    from plnjournal.gui.insights import avoidance_model as am

    with demo_db.session() as s:
        scores = avoidance_scores(s, TODAY)
    model = am.AvoidanceTableModel()
    model.set_scores(scores)
    qtmodeltester.check(model)
    assert model.index(0, am.CODE).data() == "PA1"
    assert model.index(0, am.LAST).data() == "never"
    assert model.index(0, am.REASON).data().startswith("Never reflected on in")
    assert "Unanswered feedback, the full 35 points" in model.index(0, am.SKILL).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(0, am.SCORE).data(am.SORT_ROLE) == 95
    # The band beside the score, in words; the tint only repeats it.
    assert model.index(0, am.BAND).data() == "▲▲ act now"
    assert model.index(0, am.BAND).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(len(scores) - 1, am.BAND).data() == "fine"
    assert model.index(len(scores) - 1, am.BAND).data(Qt.ItemDataRole.BackgroundRole) is None


@pytest.fixture
def insights(qtbot, make_window, demo_db):
    window = make_window(demo_db)
    window.insights_feature.actions["avoiding"].trigger()
    view = window.insights_feature.view
    qtbot.waitExposed(view)
    view.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: view.status.text() == "27 skills scored", timeout=SLOW)
    return window, view


def _mouse(widget, kind, pos: QPoint, button=Qt.MouseButton.NoButton) -> None:
    """Deliver a mouse event to the widget itself: offscreen, windows cannot be raised, so a
    simulated cursor may land on the main window instead."""
    local = QPointF(pos)
    buttons = button if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, local, widget.mapToGlobal(local), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def _wait_chart(qtbot, view, kind: str):
    view.tabs.setCurrentIndex(1 + list(view.panes).index(kind))
    pane = view.panes[kind]
    qtbot.waitUntil(lambda: pane.shown is not None and pane.canvas is not None, timeout=SLOW)
    return pane


def test_list_charts_hover_click_export(qtbot, insights, tmp_path: Path) -> None:
    window, view = insights
    from plnjournal.gui.insights import avoidance_model as am

    assert view.table.model().index(0, am.CODE).data() == "PA1"
    assert view.details.text().startswith("PA1 Difficult conversations with parents")

    pane = _wait_chart(qtbot, view, "avoidance")
    canvas = pane.canvas
    # The canvas shows the worker's drawing: painting copies pixels, never draws again.
    draws = []
    original = canvas.figure.draw
    canvas.figure.draw = lambda renderer: (draws.append(1), original(renderer))[1]
    canvas.repaint()
    assert draws == []
    image = canvas.grab().toImage()
    assert image.width() > 500

    # Hovering over PA1's bar shows its reasons; a click keeps them under the chart.
    ax = canvas.figure.axes[0]
    x, y = ax.transData.transform((10, 0))
    ratio = canvas.device_pixel_ratio
    pos = QPoint(int(x / ratio), int(canvas.height() - y / ratio))
    # What is painted is the chart: PA1's bar is there, in another colour than the page.
    assert image.pixelColor(pos) != image.pixelColor(2, 2)
    _mouse(canvas, QEvent.Type.MouseMove, pos)
    qtbot.waitUntil(lambda: "PA1" in QToolTip.text())
    assert "Unanswered feedback" in QToolTip.text()
    view.table.selectRow(3)
    _mouse(canvas, QEvent.Type.MouseButtonPress, pos, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, pos, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.details.text().startswith("PA1 Difficult conversations"))
    assert view.selected_skill_id() == view.scores[0].skill_id  # the click selected PA1

    out = tmp_path / "ranking.svg"
    pane.export_to(out)
    qtbot.waitUntil(lambda: out.exists(), timeout=SLOW)
    assert out.read_bytes().startswith(b"<?xml") and b"PA1" in out.read_bytes()

    heat = _wait_chart(qtbot, view, "heatmap")
    assert heat.shown.kind == "heatmap" and heat.shown.end == TODAY
    assert heat.shown.start == TODAY - dt.timedelta(days=364)


def test_refreshes_after_a_change(qtbot, insights) -> None:
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.skills.lookup import find_skill

    window, view = insights
    with window.db.session() as s:
        pa1 = find_skill(s, "PA1")
        add_entry(
            s,
            entry_date=TODAY,
            title="Finally",
            body="I will ring Dani's dad.",
            skills={pa1.id: None},
        )
    window.notify_changed("entries")
    qtbot.waitUntil(
        lambda: next(x for x in view.scores if x.code == "PA1").last_reflected == TODAY,
        timeout=SLOW,
    )
    from plnjournal.gui.insights import avoidance_model as am

    assert view.model.index(0, am.CODE).data() != "PA1"  # no longer the most avoided


def test_insights_menu_lists_every_chart(make_window, demo_db) -> None:
    window = make_window(demo_db)
    texts = [a.text() for a in window.menu("insights").actions() if a.text()]
    assert texts[0] == "What I keep &avoiding…"
    assert len(texts) == 6


def test_follows_the_desktop_to_dark(qtbot, insights) -> None:
    from plnjournal.gui.theme import dark_palette

    _window, view = insights
    pane = _wait_chart(qtbot, view, "calendar")
    assert not pane.shown.dark
    view.setPalette(dark_palette())
    qtbot.waitUntil(lambda: pane.shown is not None and pane.shown.dark, timeout=SLOW)
    assert pane.canvas.figure.get_facecolor()[0] < 0.2


def test_a_top_band_skill_offers_to_write_about_it_now(qtbot, insights) -> None:
    from sqlalchemy import select

    from plnjournal.core.insights.prompts import writing_prompt
    from plnjournal.core.journal.entries import skills_of
    from plnjournal.gui.tasks import busy
    from plnjournal.storage.models import Entry

    window, view = insights
    top = view.scores[0]
    assert (top.code, str(top.band)) == ("PA1", "act now")
    view.select_skill(top.skill_id)
    assert view.actions_box.isVisible()
    assert "What has kept you from it" in view.write_button.toolTip()
    with window.db.session() as s:
        before = set(s.scalars(select(Entry.id)))
    with qtbot.waitSignal(window.data_changed, timeout=SLOW):
        view.write_button.click()
    qtbot.waitUntil(lambda: not busy(), timeout=SLOW)
    with window.db.session() as s:
        (entry,) = [e for e in s.scalars(select(Entry)) if e.id not in before]
        assert entry.entry_date == TODAY
        assert entry.title == "Facing Difficult conversations with parents"
        assert entry.body == f"> {writing_prompt(top)}\n\n"
        assert [sk.code for sk, _ in skills_of(s, entry.id)] == ["PA1"]
        entry_id = entry.id
    # Today's new reflection is open in the main window, the cursor under the prompt.
    journal = window.journal
    assert journal.editor.entry_id == entry_id and journal.day == TODAY
    assert journal.skills.links() == {top.skill_id: None}
    # A skill in a lower band has no such actions.
    lower = next(s for s in view.scores if str(s.band) != "act now")
    view.select_skill(lower.skill_id)
    assert not view.actions_box.isVisible()


def test_ask_for_feedback_opens_the_template_on_that_skill(qtbot, insights) -> None:
    from PySide6.QtCore import QTimer

    from plnjournal.gui.feedback.request_dialog import FeedbackRequestDialog

    _window, view = insights
    view.select_skill(view.scores[0].skill_id)
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FeedbackRequestDialog) or not dialog.loaded:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.chosen())
        dialog.reject()

    QTimer.singleShot(0, answer)
    view.ask_button.click()  # modal: returns once the dialog is answered
    assert seen == [["PA1"]]


def test_a_new_journal_says_it_is_getting_started(qtbot, make_window, teaching_copy) -> None:
    """A journal a few days old ranks nothing as avoided and says why, once, in words."""
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.core.skills.lookup import find_skill

    with teaching_copy.session() as s:
        skill = find_skill(s, "CL1")
        add_entry(
            s, entry_date=TODAY, title="Transitions", body="First day.", skills={skill.id: None}
        )
    window = make_window(teaching_copy)
    window.insights_feature.actions["avoiding"].trigger()
    view = window.insights_feature.view
    qtbot.waitUntil(lambda: bool(view.scores), timeout=SLOW)
    assert view.getting_started.isVisible()
    assert view.getting_started.textFormat() == Qt.TextFormat.PlainText
    assert all(x.band == "fine" for x in view.scores)
