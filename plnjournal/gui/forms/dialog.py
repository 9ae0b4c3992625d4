"""File ▸ Fill in a form…: choose a form, type its details once, and export it as a PDF.

The details (the other registrant's NMC Pin, a mentor's name) are kept with the journal, like
the user's name on the report's cover. Reading, counting and writing run on worker threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.dates import parse_date
from plnjournal.core.forms import fill
from plnjournal.core.forms.spec import FormSpec, available_forms
from plnjournal.core.words import plural
from plnjournal.errors import InputError
from plnjournal.gui.plain import plain_label, set_plain
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import ProgressFn, run_in_background
from plnjournal.report_pdf.form_writer import write_form_pdf
from plnjournal.report_pdf.writer import WrittenPdf
from plnjournal.storage.db import Database


@dataclass(frozen=True)
class _Choice:
    """What the dialog's choices select: counted in the background for the summary line."""

    count: int
    private_left_out: int
    first: dt.date | None
    last: dt.date | None


class FormDialog(QDialog):
    """Choose a form, fill its details, export."""

    exported = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Fill in a form")
        self.forms: list[FormSpec] = []
        self.detail_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.loaded = False
        outer = QVBoxLayout(self)
        intro = plain_label(
            "Fill a form your regulator or programme asks for from the reflections you wrote "
            "with its reflection model. Details you type here are kept with your journal."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)

        top = QFormLayout()
        self.form_box = QComboBox()
        self.form_box.setAccessibleName("Form")
        self.form_box.currentIndexChanged.connect(self._form_changed)
        top.addRow("&Form:", self.form_box)
        period = QHBoxLayout()
        self.period_box = QCheckBox("&Only reflections from")
        self.start_edit = QDateEdit(QDate.currentDate().addMonths(-12))
        self.end_edit = QDateEdit(QDate.currentDate())
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self._recount)
        self.start_edit.setAccessibleName("First day")
        self.end_edit.setAccessibleName("Last day")
        self.period_box.toggled.connect(self._period_toggled)
        period.addWidget(self.period_box)
        period.addWidget(self.start_edit)
        period.addWidget(plain_label("to"))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        top.addRow(period)
        self.private_box = QCheckBox("Include reflections marked &private")
        self.private_box.toggled.connect(self._recount)
        self.anonymize_box = QCheckBox("Leave mentors' &names out (“Mentor A”, “Mentor B”)")
        top.addRow(self.private_box)
        top.addRow(self.anonymize_box)
        outer.addLayout(top)
        self.summary = plain_label("Reading the forms…")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)

        self.details_group = QGroupBox("Details for this form")
        self.details_layout = QFormLayout(self.details_group)
        # Long labels (the form's own words) go above their box rather than squeeze it.
        self.details_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.details_layout.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The details stay together at the top of a tall window, not spread over it.
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.details_group)
        column.addStretch(1)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)

        self.status = plain_label("")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.export_button = QPushButton("&Export PDF…")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_file_and_export)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        outer.addWidget(buttons)
        remember_geometry(self, "forms", (720, 600))
        run_in_background(self, lambda _p: available_forms(), on_success=self._forms_loaded)

    # --- reading -------------------------------------------------------------------------

    def _forms_loaded(self, result: tuple[list[FormSpec], list[object]]) -> None:
        self.forms, problems = result
        self.form_box.blockSignals(True)
        for spec in self.forms:
            title = spec.title + (f" ({spec.subtitle})" if spec.subtitle else "")
            self.form_box.addItem(title, spec.id)
        self.form_box.blockSignals(False)
        if problems:
            set_plain(self.status, f"A form file was skipped: {problems[0]}")
        self.loaded = True
        self._form_changed()

    def spec(self) -> FormSpec | None:
        """The form chosen."""
        index = self.form_box.currentIndex()
        return self.forms[index] if 0 <= index < len(self.forms) else None

    def _form_changed(self) -> None:
        spec = self.spec()
        while self.details_layout.rowCount():
            self.details_layout.removeRow(0)
        self.detail_edits = {}
        if spec is None:
            return
        for detail in spec.details:
            edit: QLineEdit | QPlainTextEdit
            if detail.long:
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            else:
                edit = QLineEdit()
                if detail.date:
                    edit.setPlaceholderText("e.g. 30/11/2026 or 2026-11-30")
            edit.setAccessibleName(detail.label)
            self.detail_edits[detail.key] = edit
            # The label is a form file's words (a programme's own file): plain text, never
            # Qt's rich-text guess.
            label = plain_label(f"{detail.label}:")
            label.setBuddy(edit)
            self.details_layout.addRow(label, edit)
        self.details_group.setVisible(bool(spec.details))
        db = self.db

        def read(_p: ProgressFn) -> dict[str, str]:
            with db.session() as s:
                return fill.read_details(s, spec)

        run_in_background(self, read, on_success=self._details_loaded)
        self._recount()

    def _details_loaded(self, values: dict[str, str]) -> None:
        for key, edit in self.detail_edits.items():
            text = values.get(key, "")
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(text)
            else:
                edit.setText(text)

    def _period_toggled(self, on: bool) -> None:
        self.start_edit.setEnabled(on)
        self.end_edit.setEnabled(on)
        self._recount()

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The period chosen, or (None, None) for any date."""
        if not self.period_box.isChecked():
            return None, None
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()  # type: ignore[return-value]

    def _recount(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        start, end = self.period()
        include_private = self.private_box.isChecked()
        db = self.db

        def count(_p: ProgressFn) -> _Choice:
            with db.session() as s:
                entries, left_out = fill.choose_entries(
                    s, spec, start=start, end=end, include_private=include_private
                )
            days = [e.entry_date for e in entries]
            return _Choice(len(entries), left_out, min(days, default=None), max(days, default=None))

        run_in_background(self, count, on_success=lambda c: self._counted(spec, c))

    def _counted(self, spec: FormSpec, choice: _Choice) -> None:
        if spec is not self.spec():
            return  # the user has moved on to another form
        model = spec.reflection_model.replace("_", " ")
        if choice.count == 0:
            text = (
                f"No reflection was written with the {model} reflection model yet. Write one "
                "(choose the model in the editor), then come back."
            )
        else:
            span = ""
            if choice.first and choice.last:
                span = f", {choice.first:%-d %b %Y} to {choice.last:%-d %b %Y}"
            text = f"{plural(choice.count, 'reflection')} will go on the form{span}."
        if choice.private_left_out:
            text += f" {plural(choice.private_left_out, 'private reflection')} left out."
        set_plain(self.summary, text)
        self.export_button.setEnabled(choice.count > 0)

    # --- writing -------------------------------------------------------------------------

    def details(self) -> dict[str, str]:
        """The details as typed (dates checked and kept as YYYY-MM-DD)."""
        spec = self.spec()
        out = {}
        for key, edit in self.detail_edits.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            text = text.strip()
            if text and spec is not None and spec.detail(key).date:
                text = parse_date(text, what=spec.detail(key).label).isoformat()
            out[key] = text
        return out

    def choose_file_and_export(self) -> None:
        """Ask where to save, then export."""
        spec = self.spec()
        if spec is None:
            return
        folder = Path.home() / "Documents"
        suggested = (folder if folder.is_dir() else Path.home()) / f"{spec.id}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export {spec.title}", str(suggested), "PDF files (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_to(Path(path))

    def export_to(self, path: Path, *, open_after: bool = True) -> None:
        """Keep the details, fill the form and write it, off the GUI thread."""
        spec = self.spec()
        if spec is None:
            return
        try:
            values = self.details()
        except InputError as exc:
            set_plain(self.status, exc.message)
            return
        start, end = self.period()
        include_private = self.private_box.isChecked()
        anonymize = self.anonymize_box.isChecked()
        db = self.db

        def work(_p: ProgressFn) -> tuple[WrittenPdf, str]:
            with db.session() as s:
                fill.save_details(s, spec, values)
                filled = fill.fill_form(
                    s,
                    spec,
                    start=start,
                    end=end,
                    include_private=include_private,
                    anonymize_mentors=anonymize,
                )
            return write_form_pdf(filled, path), filled.summary()

        self.export_button.setEnabled(False)
        set_plain(self.status, "Writing the form…")
        run_in_background(
            self,
            work,
            on_success=lambda result: self._exported(result, open_after),
            on_failure=self._failed,
            writes=True,
        )

    def _exported(self, result: tuple[WrittenPdf, str], open_after: bool) -> None:
        written, summary = result
        self.export_button.setEnabled(True)
        pages = plural(written.pages, "page")
        set_plain(self.status, f"Saved {written.path.name}: {summary}, {pages}.")
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        self.exported.emit(str(written.path))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        message = exc.message if isinstance(exc, InputError) else f"The form was not written: {exc}"
        set_plain(self.status, message)


def open_form_dialog(db: Database, parent: QWidget | None) -> FormDialog:
    """Show the dialog (modeless: the journal stays usable while it is open)."""
    dialog = FormDialog(db, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
