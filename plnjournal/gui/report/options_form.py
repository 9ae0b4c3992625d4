"""The export dialog's options column: the cover, the period, the sections, the reflections to
include in full, paper and privacy; and the ReportOptions they add up to.

The period's reflections are read off the GUI thread whenever the period changes; the dialog
hears of every change that alters the report through ``changed``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.report.content import (
    SECTIONS,
    PeriodEntry,
    ReportOptions,
    months_before,
    period_entries,
)
from plnjournal.gui.report.entries_model import ReportEntriesModel
from plnjournal.gui.tasks import ProgressFn, run_in_background
from plnjournal.storage.db import Database

PRESETS = (
    ("Last 3 months with reflections", 3),
    ("Last 6 months with reflections", 6),
    ("Last 12 months with reflections", 12),
    ("Custom period", 0),
)
# Short names for the section checkboxes (the report's headings are longer).
SECTION_LABELS = {
    "summary": "Summary",
    "matrix": "Skills matrix",
    "avoidance": "What was avoided",
    "charts": "Charts",
    "feedback": "Mentor feedback",
    "commitments": "Commitments",
    "reflections": "Reflections",
}


def _date_edit() -> QDateEdit:
    # Setters, not constructor keywords: PySide6's stubs leave out QDateEdit's properties.
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ReportOptionsForm(QWidget):
    """What goes in the report, as the user chooses it."""

    changed = Signal()

    def __init__(self, db: Database, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.default = (today, today)  # the default period, until read (``set_default_period``)
        self._entries_generation = 0  # reads of an older period are dropped
        form = QVBoxLayout(self)
        form.setContentsMargins(0, 0, 8, 0)
        form.addWidget(self._cover_group())
        form.addWidget(self._period_group())
        form.addWidget(self._sections_group())
        form.addWidget(self._entries_group(), 1)
        form.addWidget(self._output_group())
        self._connect()

    # --- layout ----------------------------------------------------------------------

    def _cover_group(self) -> QGroupBox:
        who = QGroupBox("Cover")
        who_form = QFormLayout(who)
        self.name_edit = QLineEdit(placeholderText="Your name")
        self.role_edit = QLineEdit(placeholderText="e.g. Early-career teacher")
        who_form.addRow("Name", self.name_edit)
        who_form.addRow("Role", self.role_edit)
        return who

    def _period_group(self) -> QGroupBox:
        period = QGroupBox("Period")
        grid = QGridLayout(period)
        self.preset = QComboBox()
        for label, months in PRESETS:
            self.preset.addItem(label, months)
        self.start_edit = _date_edit()
        self.end_edit = _date_edit()
        grid.addWidget(self.preset, 0, 0, 1, 4)
        grid.addWidget(QLabel("From"), 1, 0)
        grid.addWidget(self.start_edit, 1, 1)
        grid.addWidget(QLabel("to"), 1, 2)
        grid.addWidget(self.end_edit, 1, 3)
        return period

    def _sections_group(self) -> QGroupBox:
        sections = QGroupBox("Sections")
        sgrid = QGridLayout(sections)
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, (key, title) in enumerate(SECTIONS.items()):
            box = QCheckBox(SECTION_LABELS.get(key, title))
            box.setChecked(True)
            box.setToolTip(title)
            self.section_boxes[key] = box
            sgrid.addWidget(box, i // 2, i % 2)
        return sections

    def _entries_group(self) -> QGroupBox:
        entries = QGroupBox("Reflections to include in full")
        ebox = QVBoxLayout(entries)
        self.entries_model = ReportEntriesModel(self)
        self.entries_view = QListView()
        self.entries_view.setModel(self.entries_model)
        self.entries_view.setUniformItemSizes(True)
        self.entries_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries_view.setMinimumHeight(120)
        ebox.addWidget(self.entries_view, 1)
        row = QHBoxLayout()
        self.highlights_button = QPushButton("Highlights only")
        self.none_button = QPushButton("None")
        self.entries_note = QLabel()
        self.entries_note.setObjectName("note")
        row.addWidget(self.highlights_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        row.addWidget(self.entries_note)
        ebox.addLayout(row)
        return entries

    def _output_group(self) -> QGroupBox:
        output = QGroupBox("Paper and privacy")
        oform = QFormLayout(output)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        oform.addRow("Paper", self.paper)
        self.private_box = QCheckBox("Include private reflections")
        self.private_box.setToolTip(
            "Off: private reflections are left out of everything in the report — text, counts, "
            "ratings and scores."
        )
        self.anonymize_box = QCheckBox("Leave mentor names out (“Mentor A”, “Mentor B”, …)")
        self.open_box = QCheckBox("Open the PDF when done")
        self.open_box.setChecked(True)
        oform.addRow(self.private_box)
        oform.addRow(self.anonymize_box)
        oform.addRow(self.open_box)
        return output

    def _connect(self) -> None:
        changed = self._changed
        self.preset.currentIndexChanged.connect(self.apply_preset)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._period_edited)
        for box in self.section_boxes.values():
            box.toggled.connect(changed)
        self.section_boxes["reflections"].toggled.connect(self.entries_view.setEnabled)
        self.entries_model.dataChanged.connect(changed)
        self.entries_model.modelReset.connect(changed)
        self.highlights_button.clicked.connect(
            lambda: self.entries_model.set_checked(self.entries_model.highlight_ids())
        )
        self.none_button.clicked.connect(lambda: self.entries_model.set_checked(set()))
        self.paper.currentIndexChanged.connect(changed)
        self.private_box.toggled.connect(self._private_toggled)
        self.anonymize_box.toggled.connect(changed)
        self.name_edit.textChanged.connect(changed)
        self.role_edit.textChanged.connect(changed)

    def _changed(self, *_args: object) -> None:
        self.changed.emit()  # whatever the source signal carried: the dialog re-reads it all

    # --- options -----------------------------------------------------------------------

    def set_cover(self, name: str, role: str) -> None:
        """Show the saved cover (not an edit: nothing is said to have changed)."""
        for edit, text in ((self.name_edit, name), (self.role_edit, role)):
            edit.blockSignals(True)
            edit.setText(text)
            edit.blockSignals(False)

    def set_default_period(self, default: tuple[dt.date, dt.date]) -> None:
        """The period the presets count back from (ending on the latest reflection)."""
        self.default = default
        self.apply_preset()

    def apply_preset(self) -> None:
        """Set the period from the chosen preset (a custom period is left as it is)."""
        months = self.preset.currentData()
        if not months:
            return
        start, end = self.default  # ends on the latest reflection
        self._set_period(months_before(end, months), end)

    def _set_period(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._load_entries()

    def _period_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS) - 1)  # custom
        self.preset.blockSignals(False)
        self._load_entries()

    def _load_entries(self) -> None:
        """Read the period's reflections off the GUI thread; the list follows when they are in
        (the newest period's: an older read still running is dropped)."""
        self._entries_generation += 1
        generation = self._entries_generation
        start, end = self.period()
        if end < start:
            self.entries_model.set_entries([])
            self.changed.emit()
            return
        db = self.db

        def read(_progress: ProgressFn) -> tuple[int, list[PeriodEntry]]:
            with db.session() as s:
                return generation, period_entries(s, start, end)

        run_in_background(self, read, on_success=self._entries_loaded)

    def _entries_loaded(self, result: tuple[int, list[PeriodEntry]]) -> None:
        generation, entries = result
        if generation != self._entries_generation:
            return
        self.entries_model.set_entries(entries)
        self.entries_model.set_private_allowed(self.private_box.isChecked())
        n_private = sum(e.private for e in entries)
        self.entries_note.setText(
            f"{len(entries)} in the period" + (f", {n_private} private" if n_private else "")
        )

    def _private_toggled(self, on: bool) -> None:
        self.entries_model.set_private_allowed(on)
        self.changed.emit()

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period, as dates (the end may be before the start)."""
        return _date(self.start_edit.date()), _date(self.end_edit.date())

    def options(self) -> ReportOptions:
        """What the report will contain, as chosen (raises InputError for a bad period)."""
        start, end = self.period()
        return ReportOptions(
            start=start,
            end=end,
            include_private=self.private_box.isChecked(),
            anonymize_mentors=self.anonymize_box.isChecked(),
            entry_ids=self.entries_model.chosen_ids(self.private_box.isChecked()),
            sections=tuple(k for k, box in self.section_boxes.items() if box.isChecked()),
            generated_on=self.today,
        )

    def paper_size(self) -> str:
        """The chosen paper, as ``write_report_pdf`` names it."""
        return str(self.paper.currentData())

    def cover(self) -> tuple[str, str]:
        """The name and role as typed (trimmed)."""
        return self.name_edit.text().strip(), self.role_edit.text().strip()
