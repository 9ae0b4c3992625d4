"""The lead's tab of the mentor window: the cohort's coverage (skills it avoids, trainees no
mentor reached for N weeks), read off the GUI thread, and saved as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import plain_label, set_plain
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.programme import lead
from plnjournal.programme.login import ServerSession


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            item = QTableWidgetItem(value)  # an item's text is shown as written
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(i, j, item)


class CoverageTab(QWidget):
    """The cohort's coverage, for the programme's lead."""

    def __init__(self, session: ServerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.coverage: lead.Coverage | None = None
        self.weeks = QSpinBox()
        self.weeks.setObjectName("weeks")
        self.weeks.setRange(1, 52)
        self.weeks.setValue(lead.DEFAULT_WEEKS)
        self.weeks.setSuffix(" weeks")
        self.weeks.valueChanged.connect(self.refresh)
        self.export = QPushButton("Save as CSV…")
        self.export.setEnabled(False)
        self.export.clicked.connect(self.save_csv)
        self.summary = plain_label("Reading the cohort…")
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(plain_label("No mentor contact for"))
        top.addWidget(self.weeks)
        top.addStretch(1)
        top.addWidget(self.export)
        self.avoided = _table(["Code", "Skill the cohort avoids", "Trainees", "Mean score"])
        self.avoided.setObjectName("avoided")
        self.quiet = _table(["Login", "Trainee", "Mentors", "Last mentor contact"])
        self.quiet.setObjectName("quiet")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.avoided)
        split.addWidget(self.quiet)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        """Read the coverage on a worker."""
        weeks = self.weeks.value()
        run_in_background(
            self,
            lambda _p: self.session.run(lambda conn: lead.coverage(conn, weeks)),
            on_success=self.show_coverage,
            on_failure=lambda exc: set_plain(self.summary, f"Could not read the cohort: {exc}"),
        )

    def show_coverage(self, cov: lead.Coverage) -> None:
        """Fill the tables."""
        self.coverage = cov
        self.export.setEnabled(True)
        set_plain(
            self.summary,
            f"{cov.trainees} trainees; {cov.sharing_avoidance} share what they keep avoiding. "
            f"{len(cov.quiet)} have had no mentor contact for {cov.weeks} weeks.",
        )
        _fill(
            self.avoided,
            [[a.code, a.name, str(a.trainees), f"{a.mean_score:g}"] for a in cov.avoided],
        )
        _fill(
            self.quiet,
            [
                [q.login, q.name, ", ".join(q.mentors) or "none",
                 q.last_contact.isoformat() if q.last_contact else "never"]
                for q in cov.quiet
            ],
        )  # fmt: skip

    def save_csv(self) -> None:
        """Ask where, then write the CSV (small: written on the GUI thread's worker too)."""
        cov = self.coverage
        if cov is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the coverage", "coverage.csv", "CSV files (*.csv)"
        )
        if not name:
            return
        run_in_background(
            self,
            lambda _p: lead.write_coverage_csv(cov, Path(name)),
            on_failure=lambda exc: show_error(self, exc),
            writes=True,
        )
