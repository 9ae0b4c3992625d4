"""File ▸ Export progress report…: choose what goes in, see the pages, write the PDF.

Everything slow runs on a worker thread through ``run_in_background``: gathering the report,
laying it out and painting the preview pages (QTextDocument and QImage are used only in the
thread that creates them), and writing the PDF. The preview is painted by the same code as
the PDF, so what you see is what is written. The pages are shown by ``page_preview``; this
module holds the options and the work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE
from plnjournal.core.report.content import (
    SECTIONS,
    PeriodEntry,
    ReportOptions,
    months_before,
    period_entries,
)
from plnjournal.errors import PlnError
from plnjournal.gui.report.entries_model import ReportEntriesModel
from plnjournal.gui.report.page_preview import PagePreview
from plnjournal.gui.report.work import export_report, read_settings, render_preview
from plnjournal.gui.tasks import ProgressFn, Task, run_in_background, show_error
from plnjournal.report_pdf.writer import WrittenPdf
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
PREVIEW_DELAY_MS = 350  # wait for the user to stop changing options
# What a preview was made from: its charts are reused by an export of the same.
PreviewKey = tuple[ReportOptions, str]


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


class ReportDialog(QDialog):
    """The export dialog; ``exported`` carries the written file's path."""

    exported = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.setWindowTitle("Export progress report")
        self._generation = 0  # previews older than this are dropped
        self._closed = False  # work finishing after the dialog closed is dropped
        self._preview_running = False
        self._preview_pending = False
        self._entries_generation = 0  # reads of an older period are dropped
        self.export_task: Task | None = None
        self.pages: list[QImage] = []
        self._charts: tuple[PreviewKey | None, dict[str, bytes] | None] = (None, None)
        # The saved cover and the default period, until read (``loaded``).
        self._name0 = self._role0 = ""
        self._default = (self.today, self.today)
        self.loaded = False
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._refresh_preview)
        self.resize(1120, 780)
        self._controls.setEnabled(False)
        self.export_button.setEnabled(False)
        self.preview.set_status("loading…")
        run_in_background(
            self,
            lambda _p: read_settings(db),
            on_success=self._loaded,
            on_failure=self._load_failed,
        )

    def _loaded(self, result: tuple[str, str, tuple[dt.date, dt.date]]) -> None:
        self._name0, self._role0, self._default = result
        self.loaded = True
        for edit, text in ((self.name_edit, self._name0), (self.role_edit, self._role0)):
            edit.blockSignals(True)
            edit.setText(text)
            edit.blockSignals(False)
        self._controls.setEnabled(True)
        self.export_button.setEnabled(True)
        self._apply_preset()

    def _load_failed(self, exc: BaseException) -> None:
        self.preview.set_status("the journal could not be read")
        show_error(self, exc, "Export progress report")

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        controls = self._controls = QWidget()
        form = QVBoxLayout(controls)
        form.setContentsMargins(0, 0, 8, 0)

        who = QGroupBox("Cover")
        who_form = QFormLayout(who)
        self.name_edit = QLineEdit(self._name0, placeholderText="Your name")
        self.role_edit = QLineEdit(self._role0, placeholderText="e.g. Early-career teacher")
        who_form.addRow("Name", self.name_edit)
        who_form.addRow("Role", self.role_edit)
        form.addWidget(who)

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
        form.addWidget(period)

        sections = QGroupBox("Sections")
        sgrid = QGridLayout(sections)
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, (key, title) in enumerate(SECTIONS.items()):
            box = QCheckBox(SECTION_LABELS.get(key, title))
            box.setChecked(True)
            box.setToolTip(title)
            self.section_boxes[key] = box
            sgrid.addWidget(box, i // 2, i % 2)
        form.addWidget(sections)

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
        form.addWidget(entries, 1)

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
        form.addWidget(output)

        self.preview = PagePreview()
        self.preview_label = self.preview.label  # its status line, by the name callers know
        preview = self.preview

        splitter = QSplitter()
        controls_scroll = QScrollArea()
        controls_scroll.setWidget(controls)
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controls_scroll.setMinimumWidth(controls.minimumSizeHint().width() + 20)
        splitter.addWidget(controls_scroll)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 680])

        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            "Export PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.choose_file_and_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.preset.currentIndexChanged.connect(self._apply_preset)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self._period_edited)
        for box in self.section_boxes.values():
            box.toggled.connect(self._changed)
        self.section_boxes["reflections"].toggled.connect(self.entries_view.setEnabled)
        self.entries_model.dataChanged.connect(self._changed)
        self.entries_model.modelReset.connect(self._changed)
        self.highlights_button.clicked.connect(
            lambda: self.entries_model.set_checked(self.entries_model.highlight_ids())
        )
        self.none_button.clicked.connect(lambda: self.entries_model.set_checked(set()))
        self.paper.currentIndexChanged.connect(self._changed)
        self.private_box.toggled.connect(self._private_toggled)
        self.anonymize_box.toggled.connect(self._changed)
        self.name_edit.textChanged.connect(self._changed)
        self.role_edit.textChanged.connect(self._changed)

    # --- options -----------------------------------------------------------------------

    def _apply_preset(self) -> None:
        months = self.preset.currentData()
        if not months:
            return
        start, end = self._default  # ends on the latest reflection
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
            self._changed()
            return
        db = self.db

        def read(_progress: ProgressFn) -> tuple[int, list[PeriodEntry]]:
            with db.session() as s:
                return generation, period_entries(s, start, end)

        run_in_background(self, read, on_success=self._entries_loaded)

    def _entries_loaded(self, result: tuple[int, list[PeriodEntry]]) -> None:
        generation, entries = result
        if generation != self._entries_generation or not self._alive():
            return
        self.entries_model.set_entries(entries)
        self.entries_model.set_private_allowed(self.private_box.isChecked())
        n_private = sum(e.private for e in entries)
        self.entries_note.setText(
            f"{len(entries)} in the period" + (f", {n_private} private" if n_private else "")
        )

    def _private_toggled(self, on: bool) -> None:
        self.entries_model.set_private_allowed(on)
        self._changed()

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
            entry_ids=self.entries_model.checked_ids(),
            sections=tuple(k for k, box in self.section_boxes.items() if box.isChecked()),
            generated_on=self.today,
        )

    def paper_size(self) -> str:
        """The chosen paper, as ``write_report_pdf`` names it."""
        return str(self.paper.currentData())

    def _cover_changes(self) -> dict[str, str]:
        changes = {}
        name, role = self.name_edit.text().strip(), self.role_edit.text().strip()
        if name != self._name0:
            changes[OWNER_NAME] = name
        if role != self._role0:
            changes[OWNER_ROLE] = role
        return changes

    # --- preview -----------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self._generation += 1
        self.preview.set_status("updating…")
        self._timer.start()

    def _refresh_preview(self) -> None:
        if self._preview_running:
            self._preview_pending = True
            return
        try:
            options = self.options()
        except PlnError as exc:
            self.preview.set_status(exc.message)
            return
        generation, paper = self._generation, self.paper_size()
        cover = self._cover_override()
        db = self.db

        def work(
            progress: ProgressFn,
        ) -> tuple[int, PreviewKey, list[QImage], dict[str, bytes]]:
            return (
                generation,
                (options, paper),
                *render_preview(db, options, paper, cover, progress),
            )

        self._preview_running = True
        run_in_background(
            self,
            work,
            on_success=self._show_preview,
            on_failure=self._preview_failed,
        )

    def _cover_override(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.role_edit.text().strip()

    def _alive(self) -> bool:
        return not self._closed and shiboken6.isValid(self)

    def done(self, result: int) -> None:
        """Closing stops the preview; a preview still being made is dropped when it ends."""
        self._closed = True
        self._timer.stop()
        super().done(result)

    def _preview_done(self) -> None:
        if not self._alive():
            return
        self._preview_running = False
        if self._preview_pending:
            self._preview_pending = False
            self._refresh_preview()

    def _show_preview(self, result: tuple[int, PreviewKey, list[QImage], dict[str, bytes]]) -> None:
        generation, key, images, charts = result
        self._preview_done()
        if not self._alive() or generation != self._generation:
            return  # the options changed meanwhile; a newer preview is on its way
        self.pages = images
        self._charts = (key, charts)
        self.preview.set_pages(images)

    def _preview_failed(self, exc: BaseException) -> None:
        self._preview_done()
        if not self._alive():
            return
        message = exc.message if isinstance(exc, PlnError) else f"{type(exc).__name__}: {exc}"
        self.preview.set_status(f"could not be made: {message}")

    # --- export ------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        """A file name that says the period, in Documents if there is one."""
        start, end = self.period()
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"progress-report-{start.isoformat()}-to-{end.isoformat()}.pdf"

    def choose_file_and_export(self) -> None:
        """Ask where to save (adding .pdf if left out), then export."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Export progress report", str(self.suggested_path()), "PDF files (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the PDF off the GUI thread, with a progress bar; then open it if asked."""
        try:
            options = self.options()
        except PlnError as exc:
            show_error(self, exc, "Export progress report")
            return
        paper, changes, db = self.paper_size(), self._cover_changes(), self.db
        open_after = self.open_box.isChecked()
        key, svgs = self._charts
        charts = svgs if key == (options, paper) else None  # the preview's, if still right

        def work(progress: ProgressFn) -> WrittenPdf:
            return export_report(db, options, paper, changes, path, charts, progress)

        self.export_button.setEnabled(False)
        self.status.setText("Writing the progress report…")
        self.export_task = run_in_background(
            self,
            work,
            on_success=lambda result: self._exported(result, open_after),
            on_failure=self._export_failed,
            progress_label="Writing the progress report…",
            writes=bool(changes),
        )

    def _exported(self, result: WrittenPdf, open_after: bool) -> None:
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        self.export_button.setEnabled(True)
        if self._cover_changes():
            self._name0, self._role0 = self._cover_override()
            notify = getattr(self.parent(), "notify_changed", None)  # the main window's
            if notify is not None:
                notify("settings")
        pages = f"{result.pages} page{'s' * (result.pages != 1)}"
        self.status.setText(f"Saved {result.path} ({pages}).")
        self.exported.emit(str(result.path))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("The progress report was not written.")
        show_error(self, exc, "Export progress report")
