"""The Insights charts in their pane: the wheel over a chart scrolls the pane, and a chart
fills the pane's width on a wide screen instead of leaving a grey strip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY

SLOW = 90_000  # ms: a loaded 2-core machine draws the first chart slowly


@pytest.fixture(autouse=True)
def _no_work_left_behind():
    """Nothing still drawing on a journal the test is about to close."""
    yield
    from plnjournal.gui.tasks import wait_for_background_work

    wait_for_background_work()


def _pane(qtbot, db, kind: str, size: tuple[int, int]):
    from plnjournal.gui.insights.view import InsightsView

    view = InsightsView(db)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: view.status.text() == "27 skills scored", timeout=SLOW)
    view.tabs.setCurrentIndex(1 + list(view.panes).index(kind))
    pane = view.panes[kind]
    qtbot.waitUntil(lambda: pane.canvas is not None, timeout=SLOW)
    return view, pane


def test_the_wheel_over_a_chart_scrolls_the_pane(qtbot, demo_db) -> None:
    _view, pane = _pane(qtbot, demo_db, "avoidance", (1024, 600))
    bar = pane.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # 27 rows do not fit 600 px
    assert bar.value() == 0
    canvas = pane.canvas
    local = QPointF(canvas.width() / 2, 40)
    event = QWheelEvent(
        local,
        canvas.mapToGlobal(local),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)
    assert bar.value() > 0


def test_a_chart_fills_a_wide_pane(qtbot, demo_db) -> None:
    _view, pane = _pane(qtbot, demo_db, "heatmap", (1920, 1080))
    room = pane.scroll_area.viewport().width()
    assert room > 1500
    # Within the vertical scroll bar's reserve and a few pixels of margin.
    reserve = pane.scroll_area.verticalScrollBar().sizeHint().width()
    assert pane.canvas.width() >= room - reserve - 8
