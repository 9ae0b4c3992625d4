"""File → Export journal…: Markdown files (one per reflection) or one JSON file with everything.

The counts the dialog shows are read through the background helper (``gui/tasks.py``), like
the export itself, so a journal locked by another program never freezes the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal_io.export import (
    export_journal,
    period_summary,
    private_left_out_line,
)
from plnjournal.core.words import plural
from plnjournal.gui.plain import literal
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.storage.db import Database

MARKDOWN_HELP = (
    "One .md file per reflection, with its date, skills, self-ratings and tags in front "
    "matter. Readable in any editor or Obsidian, and importable again with nothing lost."
)
JSON_HELP = (
    "One file with everything: framework, reflections, ratings, mentor feedback, "
    "commitments. With private reflections included, a full backup: it restores into an "
    "empty journal exactly."
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ExportJournalDialog(QDialog):
    """Choose a format, a period and a place; the export runs in the background."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result_summary: dict[str, Any] | None = None
        self._counting = 0  # the newest count asked for (an older one landing is dropped)
        self.setWindowTitle("Export the journal")
        self.setMinimumWidth(560)
        remember_geometry(self, "journal_export", (640, 420))
        self.first = self.last = dt.date.today()  # the journal's first and last day, once read

        self.markdown = QRadioButton("&Markdown files")
        self.json = QRadioButton("One &JSON file")
        self.markdown.setChecked(True)
        formats = QButtonGroup(self)
        for button in (self.markdown, self.json):
            formats.addButton(button)
        fmt_box = QGroupBox("Format")
        fmt_layout = QVBoxLayout(fmt_box)
        for button, text in ((self.markdown, MARKDOWN_HELP), (self.json, JSON_HELP)):
            hint = QLabel(text)
            hint.setWordWrap(True)
            hint.setContentsMargins(24, 0, 0, 8)
            fmt_layout.addWidget(button)
            fmt_layout.addWidget(hint)

        self.whole = QRadioButton("The &whole journal")
        self.period = QRadioButton("&Only from")
        self.whole.setChecked(True)
        periods = QButtonGroup(self)
        periods.addButton(self.whole)
        periods.addButton(self.period)
        self.date_from = QDateEdit(_qdate(self.first))
        self.date_to = QDateEdit(_qdate(self.last))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel("to"))
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)
        period_box = QGroupBox("Reflections")
        period_layout = QVBoxLayout(period_box)
        period_layout.addWidget(self.whole)
        period_layout.addLayout(period_row)
        # Off by default: ``add --private`` promises a private reflection is never exported
        # unless asked, and an export is made to leave this computer.
        self.include_private = QCheckBox("Include &private reflections")
        period_layout.addWidget(self.include_private)

        self.dest = QLineEdit()
        self.dest.setPlaceholderText("Where to save the export")
        choose = QPushButton("&Choose…")
        choose.clicked.connect(self.choose_destination)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest, 1)
        dest_row.addWidget(choose)
        form = QFormLayout()
        dest_label = QLabel("&Save to:")
        dest_label.setBuddy(self.dest)
        form.addRow(dest_label, dest_row)

        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(fmt_box)
        layout.addWidget(period_box)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for signal in (
            self.markdown.toggled,
            self.whole.toggled,
            self.include_private.toggled,
            self.date_from.dateChanged,
            self.date_to.dateChanged,
            self.dest.textChanged,
        ):
            signal.connect(lambda *_: self._update())
        self.markdown.toggled.connect(lambda _c: self._suggest_destination())
        self._suggest_destination()
        self._update()
        run_in_background(self, lambda _p: _summary(db, None, None), on_success=self._whole_read)

    def _whole_read(self, whole: dict[str, Any]) -> None:
        self.first = whole["first_entry"] or dt.date.today()
        self.last = whole["last_entry"] or dt.date.today()
        self.whole.setText(
            f"The &whole journal ({plural(int(whole['entries']), 'reflection')}"
            + (f", {self.first} to {self.last})" if whole["entries"] else ")")
        )
        self.date_from.setDate(_qdate(self.first))
        self.date_to.setDate(_qdate(self.last))

    # --- state ------------------------------------------------------------------------

    def fmt(self) -> str:
        """The chosen format: "markdown" or "json"."""
        return "markdown" if self.markdown.isChecked() else "json"

    def chosen_period(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day to export; (None, None) for the whole journal."""
        if self.whole.isChecked():
            return None, None
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def _suggest_destination(self) -> None:
        """A new name beside the current choice (or in Documents), never an existing file."""
        current = self.dest.text().strip()
        folder = Path(current).expanduser().parent if current else _documents()
        stem = f"PLN Journal export {dt.date.today().isoformat()}"
        suffix = ".json" if self.fmt() == "json" else ""
        candidate, n = folder / f"{stem}{suffix}", 1
        while candidate.exists():
            n += 1
            candidate = folder / f"{stem} ({n}){suffix}"
        self.dest.setText(str(candidate))

    def _update(self) -> None:
        self.date_from.setEnabled(self.period.isChecked())
        self.date_to.setEnabled(self.period.isChecked())
        date_from, date_to = self.chosen_period()
        if date_from and date_to and date_from > date_to:
            self.count.setText("The first day is after the last day.")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(bool(self.dest.text().strip()))
        self._counting += 1
        asked, fmt, db = self._counting, self.fmt(), self.db
        with_private = self.include_private.isChecked()

        def counted(summary: dict[str, Any]) -> None:
            if asked != self._counting:
                return  # the choice has changed since
            private = 0 if with_private else int(summary["private"])
            n = int(summary["entries"]) - private
            what = (
                "Markdown files, one per reflection"
                if fmt == "markdown"
                else "one file, with the framework, ratings, feedback and commitments"
            )
            left_out = f" ({private_left_out_line(private)})" if private else ""
            self.count.setText(f"{plural(n, 'reflection')} will be exported as {what}{left_out}.")

        run_in_background(self, lambda _p: _summary(db, date_from, date_to), on_success=counted)

    def choose_destination(self) -> None:
        """Ask where to save: a JSON file, or the folder the Markdown export goes into."""
        current = self.dest.text().strip()
        if self.fmt() == "json":
            path, _ = QFileDialog.getSaveFileName(
                self, "Export everything to a JSON file", current, "JSON (*.json)"
            )
            if path and not path.lower().endswith(".json"):
                path += ".json"
        else:
            parent = QFileDialog.getExistingDirectory(
                self,
                "Choose where to put the export folder",
                str(Path(current).parent) if current else "",
            )
            path = str(Path(parent) / Path(current).name) if parent else ""
        if path:
            self.dest.setText(path)

    # --- export -----------------------------------------------------------------------

    def start_export(self) -> None:
        """Export in the background; the dialog closes once it is done."""
        dest = Path(self.dest.text().strip()).expanduser()
        fmt, (date_from, date_to), db = self.fmt(), self.chosen_period(), self.db
        with_private = self.include_private.isChecked()

        def work(progress: ProgressFn) -> dict[str, Any]:
            with db.session() as session:
                return export_journal(
                    session,
                    dest,
                    fmt,
                    date_from=date_from,
                    date_to=date_to,
                    include_private=with_private,
                    progress=progress,
                )

        self.export_button.setEnabled(False)
        run_in_background(
            self,
            work,
            on_success=self._exported,
            on_failure=self._failed,
            progress_label="Exporting reflections…",
        )

    def _exported(self, summary: dict[str, Any]) -> None:
        self.result_summary = summary
        n, left_out = int(summary["entries"]), int(summary["private_left_out"])
        said = f"Exported {plural(n, 'reflection')} to {summary['path']}."
        if left_out:
            said += f" {private_left_out_line(left_out).capitalize()}."
        QMessageBox.information(self, "Export the journal", literal(said))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, exc, "Export the journal")


def _summary(db: Database, date_from: dt.date | None, date_to: dt.date | None) -> dict[str, Any]:
    with db.session() as session:
        return period_summary(session, date_from, date_to)


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
