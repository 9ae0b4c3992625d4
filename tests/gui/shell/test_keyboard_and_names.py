"""Every control of the main window can be reached with Tab and has a name a screen reader
can say."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget


def _name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its accessible name, else its text."""
    face = QAccessible.queryAccessibleInterface(widget)
    said = face.text(QAccessible.Text.Name) if face is not None else ""
    text = getattr(widget, "text", None)
    return (widget.accessibleName() or said or (text() if callable(text) else "")).strip()


def _tab_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, starting at the editor, until it comes round."""
    seen: list[QWidget] = []
    for _ in range(300):
        QApplication.processEvents()
        widget = QApplication.focusWidget()
        if widget is None or widget in seen:
            break
        seen.append(widget)
        widget.focusNextChild()
    return seen


def test_tab_reaches_the_main_controls_and_each_has_a_name(make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.journal.focus_editor()
    chain = _tab_chain(window)
    assert len(chain) > 8, [type(w).__name__ for w in chain]
    nameless = [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in chain
        if not _name(w)
    ]
    assert not nameless, nameless
    names = {_name(w) for w in chain}
    journal = window.journal
    for must in (journal.editor.body, journal.nudge.write_button):
        assert must in chain or not must.isVisible(), _name(must)
    assert len(names) > 8


def _nameless(top: QWidget) -> list[str]:
    top.activateWindow()
    top.setFocus()
    top.focusNextChild()
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in _tab_chain(top)
        if w.window() is top and not _name(w)
    ]


def test_the_other_windows_name_their_controls_too(qtbot, make_window, demo_db) -> None:
    from plnjournal.gui.report.feature import open_dialog
    from plnjournal.gui.tasks import wait_for_background_work

    window = make_window(demo_db)
    insights = window.insights_feature.show()
    qtbot.waitUntil(lambda: bool(insights.scores), timeout=60_000)
    assert not _nameless(insights)
    window.feedback_feature.show_feedback(inbox=True)
    assert not _nameless(window.feedback_feature.feedback_window)
    window.skills_feature.show_matrix()
    assert not _nameless(window.skills_feature.matrix_view)
    report = open_dialog(window)
    assert not _nameless(report)
    report.close()
    wait_for_background_work()


def test_the_calendar_grows_with_the_system_font(make_window, teaching_db) -> None:
    from PySide6.QtGui import QFont

    window = make_window(teaching_db)
    panel = window.journal.calendar
    before = (panel.calendar.maximumHeight(), panel.prev_button.maximumWidth())
    font = QFont(panel.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    panel.setFont(font)  # as a larger system text size reaches it
    after = (panel.calendar.maximumHeight(), panel.prev_button.maximumWidth())
    assert after[0] > before[0] * 1.3 and after[1] > before[1]
