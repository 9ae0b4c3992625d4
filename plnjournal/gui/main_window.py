"""The main window (a plain shell until the daily journaling window lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from plnjournal.storage.db import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("PLN Journal")
        self.setCentralWidget(QLabel(f"Journal: {db.path}"))
        self.resize(1100, 750)
