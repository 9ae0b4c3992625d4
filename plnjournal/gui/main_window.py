"""The main window: composes the journaling view and the features' menus, does little itself.

Features (skills matrix, feedback import, insights, backups, …) live in their own modules and
plug in through ``FEATURES``: each has ``install(window)`` which adds its actions to
``window.menu(...)``. Feature modules stay light at import; they import heavy things (matplotlib,
importers) inside their slots, so start-up stays fast.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from plnjournal.storage.db import Database

log = logging.getLogger(__name__)

# Menus in the order they appear in the menu bar.
MENUS = ("&File", "&Edit", "&View", "&Journal", "&Skills", "&Feedback", "&Insights", "&Help")

# Feature modules, each with ``install(window: MainWindow) -> None``.
FEATURES: tuple[str, ...] = ("plnjournal.gui.skills_feature",)


class MainWindow(QMainWindow):
    # Emitted after a change to the journal, with what changed: any of "entries", "skills",
    # "framework", "ratings", "feedback", "commitments", "nudges", "settings". Every view that
    # shows such data refreshes itself on it (one hook, many listeners).
    data_changed = Signal(set)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("PLN Journal")
        self._menus: dict[str, QMenu] = {}
        for title in MENUS:
            self._menus[title.replace("&", "").lower()] = self.menuBar().addMenu(title)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menu("file").addAction(quit_action)
        self.setCentralWidget(QLabel(f"Journal: {db.path}"))
        self.resize(1100, 750)
        for name in FEATURES:
            importlib.import_module(name).install(self)

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("file", "edit", "view", "journal", "skills", "feedback",
        "insights", "help")."""
        return self._menus[name.lower()]

    def notify_changed(self, *what: str) -> None:
        self.data_changed.emit(set(what))
