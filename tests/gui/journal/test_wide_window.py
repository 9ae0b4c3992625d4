"""At 1920 px the side panel has room for whole skill names, the nudge's skill among them
(issue 21, item 6); a remembered split is kept as the user left it (test_window.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from plnjournal.gui.journal.skills_model import COL_SKILL


def test_skill_names_are_whole_in_a_wide_window(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db, size=(1920, 1080))
    journal = window.journal
    qtbot.waitUntil(lambda: journal.skills.model.rowCount() > 0, timeout=10_000)
    tree = journal.skills.tree
    tree.expandAll()
    qtbot.waitUntil(lambda: tree.columnWidth(COL_SKILL) > 0)
    fm, proxy = tree.fontMetrics(), tree.model()
    names = [
        proxy.index(r, COL_SKILL, proxy.index(a, 0)).data(Qt.ItemDataRole.DisplayRole)
        for a in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(a, 0)))
    ]
    assert len(names) > 20
    check_box = tree.style().pixelMetric(tree.style().PixelMetric.PM_IndicatorWidth) + 8
    room = tree.columnWidth(COL_SKILL) - 2 * tree.indentation() - check_box
    too_wide = [n for n in names if fm.horizontalAdvance(n) > room]
    assert too_wide == []
    # The nudge names its skill whole, on one line, at this width.
    heading = journal.nudge.heading
    qtbot.waitUntil(lambda: "PA1" in heading.text(), timeout=10_000)
    assert "Difficult conversations with parents" in heading.text()
    assert heading.height() < 2 * heading.fontMetrics().height()
