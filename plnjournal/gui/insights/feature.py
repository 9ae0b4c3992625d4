"""The Insights menu: what you keep avoiding, and the charts.

Light at import: it is on the window's start path, so the Insights window's module is named
through ``lazy_module`` and loads when the menu is first used (matplotlib later still, on the
worker that draws the first chart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from plnjournal.lazy import lazy_module

if TYPE_CHECKING:
    from plnjournal.gui.insights.view import InsightsView
    from plnjournal.gui.shell.main_window import MainWindow

# Kept off the window's first paint (docs/performance.md, "Where the start-up deferrals are"):
# the Insights window, with SQLAlchemy and the avoidance model through the insights core.
insights_view = lazy_module("plnjournal.gui.insights.view")

# Chart kinds in the order of the window's tabs, with their menu text.
CHART_ACTIONS = (
    ("avoidance", "Avoidance &ranking chart"),
    ("heatmap", "Reflections &heat map"),
    ("blindspots", "&Blind spots chart"),
    ("trends", "Rating &trends"),
    ("calendar", "Journaling &calendar"),
)


class InsightsFeature:
    """Owns the Insights menu's actions and the one Insights window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view: InsightsView | None = None
        menu = window.menu("insights")
        self.actions: dict[str, QAction] = {}
        action = QAction("What I keep &avoiding…", window)
        action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        action.triggered.connect(lambda: self.show())
        menu.addAction(action)
        self.actions["avoiding"] = action
        menu.addSeparator()
        for tab, (kind, text) in enumerate(CHART_ACTIONS):
            chart = QAction(text, window)
            chart.triggered.connect(lambda _checked=False, t=tab: self.show(tab=t))
            menu.addAction(chart)
            self.actions[kind] = chart
        window.data_changed.connect(self._data_changed)

    def show(self, *, tab: int | None = None) -> InsightsView:
        """Bring up the one Insights window, on chart ``tab`` if given."""
        if self.view is None:
            self.view = insights_view.InsightsView(self.window.db, self.window)
            self.view.setWindowFlag(Qt.WindowType.Window, True)
            self.view.write_requested.connect(self.write_now)
            self.view.feedback_requested.connect(self.ask_for_feedback)
            self.view.start_writing.connect(self.start_writing)
        if tab is not None:
            self.view.tabs.setCurrentIndex(tab)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def write_now(self, skill_id: int, title: str, prompt: str) -> None:
        """Insights' "Write about it now": today's new reflection on the skill, in the main
        window, starting with the prompt."""
        journal = getattr(self.window, "journal", None)
        if journal is None:
            return
        journal.write_about_skill(skill_id, title, prompt)
        self.window.raise_()
        self.window.activateWindow()

    def start_writing(self) -> None:
        """The empty state's "Write your first reflection": today, the editor focused."""
        journal = getattr(self.window, "journal", None)
        if journal is None:
            return
        journal.go_today()
        self.window.raise_()
        self.window.activateWindow()
        journal.focus_editor()

    def ask_for_feedback(self, code: str) -> None:
        """Insights' "Ask for feedback": the feedback template, that skill ticked."""
        feedback = getattr(self.window, "feedback_feature", None)
        if feedback is not None:
            feedback.ask_for_feedback([code], parent=self.view)

    def _data_changed(self, what: set[str]) -> None:
        if self.view is not None:
            self.view.data_changed(what)


def install(window: MainWindow) -> None:
    """Add the Insights menu to ``window``."""
    window.insights_feature = InsightsFeature(window)  # type: ignore[attr-defined]
