"""The floor under window_ready: the journaling window's Qt widgets with none of our code.

    python bench/qt_floor.py

Builds a main window of the same kinds of Qt widgets the journaling window shows first (a
menu bar of eight menus and ~40 actions with shortcuts, a calendar, a day list with an HTML
delegate, a title field, a model chooser, a Markdown editor with a highlighter, the preview
beside it, the skills tree and commitments table in tabs, the nudge panel's labels and
buttons, a status bar), takes a lock file as the single-instance guard does, and reports
readiness exactly as ``plnjournal/gui/shell/bench_ready.py`` does (exposed, editor focused and
painted, as the editor notes it: the same probe), with the same
``PLNJOURNAL_BENCH_READY`` line. bench/run.py measures it beside
window_ready, so the figure says how much of the start is Qt's and how much is ours.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from plnjournal.gui.shell.bench_ready import quit_when_ready

TEXT = "## Description\n\nAfter lunch the class was unsettled. " * 12


class Editor(QPlainTextEdit):
    """Notes when it has first drawn its text, as the app's editor does (the probe reads it)."""

    painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted = True


class Highlighter(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:
        if text.startswith("#"):
            fmt = QTextCharFormat()
            fmt.setFontWeight(700)
            self.setFormat(0, len(text), fmt)


def build() -> tuple[QMainWindow, Editor]:
    window = QMainWindow()
    window.setWindowTitle("Qt floor")
    for title in ("&File", "&Edit", "&View", "&Journal", "&Skills", "&Feedback", "&Insights"):
        menu = window.menuBar().addMenu(title)
        for i in range(6):
            action = QAction(f"Action {i}", window)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{i}"))
            menu.addAction(action)
    window.menuBar().addMenu("&Help")

    left = QWidget()
    lv = QVBoxLayout(left)
    lv.addWidget(QLabel("Today, Saturday 28 November 2026"))
    calendar = QCalendarWidget()
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    lv.addWidget(calendar)
    nav = QHBoxLayout()
    for text in ("◀", "Today", "▶"):
        nav.addWidget(QPushButton(text))
    lv.addLayout(nav)
    days = QStandardItemModel()
    for i in range(3):
        days.appendRow(QStandardItem(f"18:5{i} · A reflection"))
    day_list = QListView()
    day_list.setModel(days)
    day_list.setItemDelegate(QStyledItemDelegate(day_list))
    lv.addWidget(day_list, 1)
    lv.addWidget(QPushButton("New reflection"))

    middle = QWidget()
    mv = QVBoxLayout(middle)
    for text in ("Today's hard conversation", "Never reflected on", "Mentor wrote…"):
        label = QLabel(text)
        label.setWordWrap(True)
        mv.addWidget(label)
    mv.addWidget(QLineEdit("A title"))
    row = QHBoxLayout()
    row.addWidget(QComboBox())
    row.addWidget(QCheckBox("Private"))
    mv.addLayout(row)
    editor = Editor(TEXT)
    Highlighter(editor.document())
    preview = QTextBrowser()
    preview.setMarkdown(TEXT)
    split = QSplitter()
    split.addWidget(editor)
    split.addWidget(preview)
    mv.addWidget(split, 1)

    tabs = QTabWidget()
    skills = QStandardItemModel()
    for a in range(6):
        area = QStandardItem(f"Area {a}")
        for s in range(5):
            item = QStandardItem(f"S{a}{s} A skill")
            item.setCheckable(True)
            area.appendRow(item)
        skills.appendRow(area)
    tree = QTreeView()
    tree.setModel(skills)
    tree.expandAll()
    tabs.addTab(tree, "Skills")
    tabs.addTab(QTableView(), "Commitments")

    outer = QSplitter()
    for w in (left, middle, tabs):
        outer.addWidget(w)
    window.setCentralWidget(outer)
    window.statusBar().showMessage("Saved")
    window.resize(1100, 750)
    return window, editor


def main() -> int:
    app = QApplication(sys.argv[:1])
    lock = QLockFile(os.path.join(tempfile.gettempdir(), f"qt-floor-{os.getpid()}.lock"))
    lock.setStaleLockTime(0)
    lock.tryLock(0)
    window, editor = build()
    quit_when_ready(window, editor)
    window.show()
    editor.setFocus()
    code = app.exec()
    lock.unlock()
    return code


if __name__ == "__main__":
    sys.exit(main())
