"""The feedback import dialog: choose (or drop) files, say what unrecognised columns hold,
preview every row with its problems in place, import (all or nothing, off the GUI thread).

The preview's "Import N items" button is the one confirmation. On every page the default
button (Enter) is the step forward; Back and Cancel never take Enter.

The dialog only calls the core (``plan_sources``/``apply_import``); checking and writing run
through ``gui.tasks.run_in_background`` with a progress bar for large files. The column page
(``import_mapping``) and the preview page (``import_preview``) only show what a check found.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.feedback.dates import DAY_FIRST, MONTH_FIRST
from plnjournal.core.feedback.importer import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    apply_import,
    load_sources,
    plan_sources,
)
from plnjournal.core.skills.lookup import list_skills
from plnjournal.gui.feedback.import_mapping import MappingPage
from plnjournal.gui.feedback.import_preview import PreviewPage
from plnjournal.gui.plain import html_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.gui.theme import make_primary
from plnjournal.storage.db import Database

FILE_FILTER = "Feedback files (*.csv *.tsv *.txt *.xlsx *.json *.md *.markdown);;All files (*)"
FEEDBACK_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".md", ".markdown"}
PAGE_FILES, PAGE_MAPPING, PAGE_PREVIEW, PAGE_DONE = range(4)
# How dates are written, as a person would say it, and what the core reads it as (the
# year-first ones are read whatever is chosen).
DATE_CHOICES = (
    ("31/12/2026 (day first)", DAY_FIRST),
    ("12/31/2026 (month first)", MONTH_FIRST),
    ("2026-12-31", None),
)
DROP_HINT = "Drop a feedback file here,\nor choose Add files…"


def _dropped(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
    """The local files in a drag, when every one has a feedback file's suffix."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if not paths or any(p.suffix.lower() not in FEEDBACK_SUFFIXES for p in paths):
        return []
    return paths


class _FileList(QListWidget):
    """The chosen files; empty, it says that files can be dropped on it."""

    def paintEvent(self, event: QPaintEvent) -> None:
        """QListWidget.paintEvent, with the drop hint drawn while the list is empty."""
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, DROP_HINT)
        painter.end()


class FeedbackImportDialog(QDialog):
    """Import mentor feedback files: files, column mapping (when needed), preview, confirm."""

    imported = Signal(object)  # ImportResult, after a successful write

    def __init__(
        self, db: Database, files: list[Path] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.mapping: dict[str, str] = {}
        self.mapping_seen = False
        self.busy = False
        self.setWindowTitle("Import mentor feedback")
        self.setObjectName("feedbackImportDialog")
        self.setAcceptDrops(True)
        remember_geometry(self, "feedback_import", (980, 640))
        self.step = QLabel()
        self.step.setObjectName("stepTitle")
        font = self.step.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.step.setFont(font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._files_page())
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        # The pages' parts the dialog and its callers reach by name.
        self.mapping_table = self.mapping_page.table
        self.preview_model = self.preview_page.model
        self.proxy = self.preview_page.proxy
        self.summary = self.preview_page.summary
        self.row_detail = self.preview_page.row_detail
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.preview_page)
        self.pages.addWidget(self._done_page())
        self.back_button = QPushButton("Back")
        self.columns_button = QPushButton("Columns…")
        self.check_button = QPushButton("Check files")
        self.import_button = QPushButton("Import")
        self.close_button = QPushButton("Cancel")
        self.back_button.clicked.connect(self._back)
        self.columns_button.clicked.connect(lambda: self._show(PAGE_MAPPING))
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.confirm_import)
        self.close_button.clicked.connect(self.reject)
        make_primary(self.check_button)  # the step forward, on the pages before the preview
        make_primary(self.import_button)  # what the dialog exists for
        # Enter goes to the page's step forward (``_show`` sets it), never to these.
        for b in (self.back_button, self.columns_button, self.close_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.columns_button)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        for f in files or []:
            self.add_file(Path(f))
        self._show(PAGE_FILES)

    # --- pages -----------------------------------------------------------------------------

    def _files_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "Add the files your mentors sent: CSV or Excel (one row per rating, or a Google "
            "Forms / Microsoft Forms export), JSON, a learning-record export, or a Markdown "
            "letter. Every file is checked completely first; nothing is written until you "
            "press Import, and a file with a problem writes nothing."
        )
        intro.setWordWrap(True)
        self.file_list = _FileList()
        self.file_list.setAccessibleName("Files to import")
        self.file_list.setAccessibleDescription(DROP_HINT.replace("\n", " "))
        self.file_list.setMinimumHeight(self.fontMetrics().height() * 6)
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("Add files…")
        add.setAutoDefault(False)
        add.clicked.connect(self.choose_files)
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        remove.setEnabled(False)  # until a file is selected
        remove.clicked.connect(self._remove_selected)
        self.file_list.itemSelectionChanged.connect(
            lambda: remove.setEnabled(bool(self.file_list.selectedItems()))
        )
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.file_list, 1)
        row.addLayout(side)
        self.date_format = QComboBox()
        for text, order in DATE_CHOICES:
            self.date_format.addItem(text, order)
        self.date_format.setCurrentIndex(len(DATE_CHOICES) - 1)  # nothing guessed
        self.date_format.setAccessibleName("Dates look like")
        self.date_format.setToolTip(
            "A date like 03/11/2026 could be 3 November or 11 March: say which way round "
            "your mentors write them. Dates written year first are always read."
        )
        self.create_skills = QCheckBox("Add skills the files name but the framework lacks")
        self.create_skills.setToolTip(
            "Unknown skills go into an area called 'Imported'; otherwise they are a problem "
            "to fix, with close matches suggested."
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Dates look like:", self.date_format)
        form.addRow("Unknown skills:", self.create_skills)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addLayout(form)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = html_label()  # our markup; skill names and the path escaped
        self.done_text.setWordWrap(True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        return page

    # --- navigation ------------------------------------------------------------------------

    def step_title(self, page: int) -> str:
        """The page's title, numbered without gaps: the column step counts only once shown."""
        if page == PAGE_FILES:
            return "1. Choose the files"
        if page == PAGE_MAPPING:
            return "2. Say what the columns hold"
        if page == PAGE_PREVIEW:
            return f"{3 if self.mapping_seen else 2}. Check what will be imported"
        return "Done"

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page == PAGE_MAPPING:
            self.mapping_seen = True
        self.step.setText(self.step_title(page))
        plan = self.plan
        has_columns = bool(plan and any(pf.columns for pf in plan.files))
        self.back_button.setVisible(page in (PAGE_MAPPING, PAGE_PREVIEW))
        self.columns_button.setVisible(page == PAGE_PREVIEW and has_columns)
        self.check_button.setVisible(page in (PAGE_FILES, PAGE_MAPPING))
        self.check_button.setText("Check files" if page == PAGE_FILES else "Check again")
        self.check_button.setEnabled(self.file_list.count() > 0 and not self.busy)
        self.import_button.setVisible(page == PAGE_PREVIEW)
        ready = bool(plan and not plan.errors and plan.new_count and not self.busy)
        self.import_button.setEnabled(ready)
        if plan is not None:
            n = plan.new_count
            self.import_button.setText(f"Import {n} item{'s' if n != 1 else ''}")
        self.close_button.setText("Close" if page == PAGE_DONE else "Cancel")
        forward = {PAGE_PREVIEW: self.import_button, PAGE_DONE: self.close_button}.get(
            page, self.check_button
        )
        for b in (self.check_button, self.import_button, self.close_button):
            b.setDefault(b is forward)

    def _back(self) -> None:
        current = self.pages.currentIndex()
        if current == PAGE_PREVIEW and self.plan and any(pf.columns for pf in self.plan.files):
            self._show(PAGE_MAPPING if self.mapping_seen else PAGE_FILES)
        else:
            self._show(PAGE_FILES)

    def reject(self) -> None:
        """Not while checking or importing: the progress bar's Cancel stops that safely."""
        if self.busy:
            return
        super().reject()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take drags of feedback files anywhere on the dialog."""
        if _dropped(event) and not self.busy:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """As ``dragEnterEvent``."""
        if _dropped(event) and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Add the dropped files and check them all."""
        files = _dropped(event)
        if not files or self.busy:
            return
        event.acceptProposedAction()
        for path in files:
            self.add_file(path)
        self.check()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Not while checking or importing (as ``reject``)."""
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    # --- files -----------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        """The files chosen so far, in the order they were added."""
        return [Path(self.file_list.item(i).text()) for i in range(self.file_list.count())]

    def add_file(self, path: Path) -> None:
        """Add a file (once); the plan is stale until checked again."""
        if str(path) not in {str(p) for p in self.paths()}:
            self.file_list.addItem(str(path))
        self.plan = None
        self._show(self.pages.currentIndex())

    def choose_files(self) -> None:
        """Ask for feedback files and add them."""
        names, _ = QFileDialog.getOpenFileNames(self, "Feedback files", "", FILE_FILTER)
        for name in names:
            self.add_file(Path(name))

    def _remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self.plan = None
        self._show(PAGE_FILES)

    # --- checking --------------------------------------------------------------------------

    def options(self) -> ImportOptions:
        """The choices made so far, as the core's import takes them."""
        return ImportOptions(
            mapping=dict(self.mapping),
            date_format=self.date_format.currentData(),
            create_missing_skills=self.create_skills.isChecked(),
        )

    def check(self) -> None:
        """Read and check every file in the background (nothing is written)."""
        if self.pages.currentIndex() == PAGE_MAPPING:
            self.mapping = self.mapping_page.mapping()
        paths, options, db = self.paths(), self.options(), self.db
        if not paths:
            return

        def work(progress: ProgressFn) -> tuple[ImportPlan, list[tuple[str, str]]]:
            sources = load_sources(paths, options.max_bytes)
            with db.session() as session:
                plan = plan_sources(session, sources, options, progress)
                skills = [(k.code, k.name) for k in list_skills(session, include_archived=False)]
            return plan, skills

        self._set_busy(True)
        run_in_background(
            self,
            work,
            on_success=self._checked,
            on_failure=self._failed,
            progress_label="Checking the feedback files…",
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._show(self.pages.currentIndex())

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc, "Import mentor feedback")

    def _checked(self, result: tuple[ImportPlan, list[tuple[str, str]]]) -> None:
        plan, skills = result
        self.busy = False
        self.plan = plan
        self.mapping_page.fill(plan, self.mapping, skills)
        self.preview_page.fill(plan)
        unclear = any(not c.recognised for pf in plan.files for c in pf.columns)
        missing = any("--map" in e.message for e in plan.errors)
        if (unclear or missing) and not self.mapping_seen:
            self._show(PAGE_MAPPING)
        else:
            self._show(PAGE_PREVIEW)

    def status_counts(self) -> dict[str, int]:
        """How many preview rows have each status."""
        return self.preview_page.status_counts()

    # --- importing -------------------------------------------------------------------------

    def confirm_import(self) -> None:
        """The "Import N items" button: the preview above it was the question, so it imports
        at once (no second "are you sure"); nothing while the plan has problems."""
        plan = self.plan
        if plan is None or plan.errors or not plan.new_count or self.busy:
            return
        self.run_import()

    def run_import(self) -> None:
        """Import the checked plan off the GUI thread (a backup is taken first)."""
        plan, db = self.plan, self.db
        if plan is None:
            return
        self._set_busy(True)
        run_in_background(
            self,
            lambda progress: apply_import(db, plan, progress=progress),
            on_success=self._imported,
            on_failure=self._failed,
            progress_label="Importing mentor feedback…",
            writes=True,
        )

    def _imported(self, result: ImportResult) -> None:
        self.busy = False
        self.import_result = result
        n, d = result.imported, result.duplicates
        lines = [f"<p><b>Imported {n} feedback item{'s' if n != 1 else ''}.</b></p>"]
        if d:
            lines.append(
                f"<p>{d} item{'s were' if d != 1 else ' was'} already in the journal "
                "and skipped.</p>"
            )
        if result.new_skills:
            lines.append(
                "<p>Added to the “Imported” area: " + escape(", ".join(result.new_skills)) + ".</p>"
            )
        if result.backup:
            lines.append("<p>A backup was made first; <b>File ▸ Backups…</b> lists it.</p>")
        lines.append(
            "<p>Low ratings and critical comments wait in <b>Feedback ▸ Feedback inbox</b> "
            "until you write a reflection that responds to them.</p>"
        )
        self.done_text.setText("".join(lines))
        self._show(PAGE_DONE)
        self.imported.emit(result)


def is_feedback_file(path: Path) -> bool:
    """Worth offering to the importer when dropped (a file with a feedback file's suffix)."""
    return path.is_file() and path.suffix.lower() in FEEDBACK_SUFFIXES
