"""The feedback import dialog: choose files, say what unrecognised columns hold, preview every
row with its problems in place, confirm, import (all or nothing, off the GUI thread).

The dialog only calls the core (``plan_sources``/``apply_import``); checking and writing run
through ``gui.tasks.run_in_background`` with a progress bar for large files. The column page
(``import_mapping``) and the preview page (``import_preview``) only show what a check found.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
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
from plnjournal.storage.db import Database

FILE_FILTER = "Feedback files (*.csv *.tsv *.txt *.xlsx *.json *.md *.markdown);;All files (*)"
FEEDBACK_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".md", ".markdown"}
PAGE_FILES, PAGE_MAPPING, PAGE_PREVIEW, PAGE_DONE = range(4)


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
            "Forms / Microsoft Forms export), JSON, xAPI statements, or a Markdown letter. "
            "Every file is checked completely first; nothing is written until you confirm, "
            "and a file with a problem writes nothing."
        )
        intro.setWordWrap(True)
        self.file_list = QListWidget()
        self.file_list.setAccessibleName("Files to import")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("Add files…")
        add.clicked.connect(self.choose_files)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_selected)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.file_list, 1)
        row.addLayout(side)
        self.date_format = QLineEdit()
        self.date_format.setPlaceholderText(
            "only for dates like 03/11/2026 — e.g. %d/%m/%Y (day first) or %m/%d/%Y"
        )
        self.date_format.setAccessibleName("Date format")
        self.create_skills = QCheckBox("Add skills the files name but the framework lacks")
        self.create_skills.setToolTip(
            "Unknown skills go into an area called 'Imported'; otherwise they are a problem "
            "to fix, with close matches suggested."
        )
        form = QFormLayout()
        form.addRow("Date format:", self.date_format)
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

    STEPS = (
        "1. Choose the files",
        "2. Say what the columns hold",
        "3. Check what will be imported",
        "Done",
    )

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.step.setText(self.STEPS[page])
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
        if page == PAGE_MAPPING:
            self.mapping_seen = True

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
            date_format=self.date_format.text().strip() or None,
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
        """Ask before writing; nothing is imported while the plan has problems."""
        plan = self.plan
        if plan is None or plan.errors or not plan.new_count:
            return
        n = plan.new_count
        dups = (
            f" {plan.duplicates} already in the journal will be skipped." if plan.duplicates else ""
        )
        answer = QMessageBox.question(
            self,
            "Import mentor feedback",
            f"Import {n} feedback item{'s' if n != 1 else ''}?{dups}\n\n"
            "A backup of the journal is taken first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
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
            lines.append(f"<p>A backup was taken first: {escape(str(result.backup))}</p>")
        lines.append(
            "<p>Low ratings and critical comments wait in <b>Feedback › Feedback inbox</b> "
            "until you write a reflection that responds to them.</p>"
        )
        self.done_text.setText("".join(lines))
        self._show(PAGE_DONE)
        self.imported.emit(result)


def is_feedback_file(path: Path) -> bool:
    """Worth offering to the importer when dropped (a file with a feedback file's suffix)."""
    return path.is_file() and path.suffix.lower() in FEEDBACK_SUFFIXES
