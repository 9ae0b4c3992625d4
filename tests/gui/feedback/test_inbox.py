"""The feedback inbox grouped by skill with counts, newest first, the whole comment on
selection and Respond one click (or a double-click) away (issue 21, item 9)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from plnjournal.core.feedback.inbox import FeedbackRow
from plnjournal.gui.feedback.inbox_model import INBOX_HEADERS, InboxModel, group_by_skill
from plnjournal.gui.feedback.view import FeedbackPanel

LONG = "**What went well?** " + "You kept the class calm through a long transition. " * 6


def _row(i: int, day: int, code: str, comment: str = "Wait longer.") -> FeedbackRow:
    return FeedbackRow(
        i, dt.date(2026, 11, day), "Ms Adeyemi", {"CL1": 1, "PA1": 2}[code], code,
        {"CL1": "Managing transitions", "PA1": "Working with parents"}[code],
        4, 2, "Advanced beginner", comment, "a.csv", i + 1, False, "rated 2",
    )  # fmt: skip


def test_groups_by_skill_newest_first_with_counts(qtmodeltester) -> None:
    rows = [_row(1, 3, "CL1"), _row(2, 20, "PA1"), _row(3, 10, "CL1"), _row(4, 5, "PA1")]
    groups = group_by_skill(rows)
    assert [g.label for g in groups] == [
        "PA1 Working with parents · 2 waiting",  # its newest (20 Nov) is the newest of all
        "CL1 Managing transitions · 2 waiting",
    ]
    assert [[r.id for r in g.items] for g in groups] == [[2, 4], [3, 1]]
    model = InboxModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert [r.id for r in model.rows] == [2, 4, 3, 1]
    top = model.index(0, 0)
    assert top.data() == "PA1 Working with parents · 2 waiting" and model.row_at(top) is None
    assert model.row_at(model.index(0, 0, top)).id == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == INBOX_HEADERS[0]
    assert "newest" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_inbox_shows_the_whole_comment_and_responds_in_one_click(qtbot, demo_db) -> None:
    panel = FeedbackPanel(demo_db, inbox=True)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.model.rows), timeout=10_000)
    tree = panel.table
    assert isinstance(tree, QTreeView) and not tree.isSortingEnabled()  # grouped: no user sort
    assert panel.proxy.rowCount() == len(panel.model.groups) > 1
    assert all(tree.isExpanded(panel.proxy.index(r, 0)) for r in range(panel.proxy.rowCount()))
    assert tree.isFirstColumnSpanned(0, QModelIndex())
    dates = [g.items[0].given_on for g in panel.model.groups]
    assert dates == sorted(dates, reverse=True)
    first = panel.current_item()
    assert first == panel.model.rows[0] and panel.respond_button.isEnabled()
    # A long Markdown comment: all of it, rendered, in the detail pane.
    long_row = FeedbackRow(**{**first.__dict__, "comment": LONG})
    panel.model.set_rows([long_row])
    panel._open_groups()
    panel.select_item(long_row.id)
    text = panel.detail.toPlainText()
    assert "What went well?" in text and "**" not in text
    assert text.count("long transition") == 6 and panel.detail.lineWrapMode() != 0
    # A skill's row says what waits on it; Respond needs an item.
    tree.setCurrentIndex(panel.proxy.index(0, 0))
    assert panel.current_item() is None and not panel.respond_button.isEnabled()
    assert "1 item of feedback" in panel.detail.toPlainText()
    asked: list[int] = []
    panel.respond_requested.connect(asked.append)
    item = panel.shown_items()[0]
    tree.setCurrentIndex(item)
    panel.respond_button.click()
    tree.doubleClicked.emit(item)
    assert asked == [long_row.id, long_row.id]


def test_all_feedback_arrows_point_the_way_the_order_goes(qtbot, demo_db) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionHeader

    from plnjournal.gui.feedback.models import F_DATE

    panel = FeedbackPanel(demo_db, inbox=False)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.model.rows), timeout=10_000)
    header = panel.header
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert "newest first" in header.toolTip()
    panel.table.sortByColumn(F_DATE, Qt.SortOrder.AscendingOrder)
    assert "oldest first" in header.toolTip()
    # Qt marks ascending as "sort down"; the header's own style turns it round to ▲.
    drawn: list[object] = []
    style = header.style()
    option = QStyleOptionHeader()
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    original = type(style).__mro__[1].drawPrimitive

    def spy(self, element, opt, painter, widget=None):
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow:
            drawn.append(opt.sortIndicator)
        return original(self, element, opt, painter, widget)

    type(style).__mro__[1].drawPrimitive = spy
    try:
        from PySide6.QtGui import QImage, QPainter

        image = QImage(20, 20, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, option, painter)
        painter.end()
    finally:
        type(style).__mro__[1].drawPrimitive = original
    assert drawn == [QStyleOptionHeader.SortIndicator.SortUp]
