"""Ask a mentor for feedback: pick skills, write a template they can fill in, record the
request (the core writes the file and the FeedbackRequest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.feedback.requests import write_feedback_template
from plnjournal.core.skills.lookup import list_skills
from plnjournal.gui.plain import literal
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.storage.db import Database

FORMATS = (
    ("Spreadsheet (CSV): one row per skill", ".csv"),
    ("Letter (Markdown): a section per skill", ".md"),
    ("JSON, for tools", ".json"),
)


def _read_skills(db: Database) -> list[tuple[str, str, str]]:
    """The worker's read: each active skill's code, name and area name, in framework order."""
    with db.session() as s:
        return [
            (skill.code, skill.name, skill.area.name)
            for skill in list_skills(s, include_archived=False)
        ]


class FeedbackRequestDialog(QDialog):
    """Choose the skills to ask about (all active ones ticked, or only ``skill_codes``), the
    mentor and the format.

    The skills are read through gui.tasks: "Loading the skills…", the list and its ticks off,
    until they arrive (``loaded``)."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        skill_codes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        # Asked about one skill (Insights' "Ask for feedback"): only it is ticked.
        self._preselected = set(skill_codes) if skill_codes else None
        self.written: Path | None = None
        self.setWindowTitle("Ask for feedback")
        self.setObjectName("feedbackRequestDialog")
        intro = QLabel(
            "Write a template for your mentor with the skills you want feedback on, each with "
            "what its levels look like. When it comes back filled in, import it with "
            "Feedback › Import feedback…"
        )
        intro.setWordWrap(True)
        self.skills = QListWidget()
        self.skills.setAccessibleName("Skills to ask about")
        self.loaded = False
        self.skills_label = QLabel("Loading the skills…")
        self.all_button, self.none_button = QPushButton("All"), QPushButton("None")
        self.all_button.clicked.connect(lambda: self._tick(True))
        self.none_button.clicked.connect(lambda: self._tick(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.skills_label)
        ticks.addStretch(1)
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        self.mentor = QLineEdit()
        self.mentor.setPlaceholderText("optional: filled in for them")
        self.format = QComboBox()
        for text, suffix in FORMATS:
            self.format.addItem(text, suffix)
        form = QFormLayout()
        form.addRow("Mentor:", self.mentor)
        form.addRow("Format:", self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            "Save template…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.skills.itemChanged.connect(lambda _i: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(ticks)
        layout.addWidget(self.skills, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        remember_geometry(self, "feedback_request", (620, 560))
        self._set_skills_enabled(False)
        self._update()
        run_in_background(
            self, lambda _p: _read_skills(db), on_success=self._loaded, on_failure=self._load_failed
        )

    def _set_skills_enabled(self, enabled: bool) -> None:
        """The skill list and its ticks on or off (off until the skills are read)."""
        for part in (self.skills, self.all_button, self.none_button):
            part.setEnabled(enabled)

    def _loaded(self, skills: list[tuple[str, str, str]]) -> None:
        self.skills.blockSignals(True)  # filling the list is no change of the ticks
        for code, name, area in skills:
            item = QListWidgetItem(f"{code}  {name}  ({area})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = self._preselected is None or code in self._preselected
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.skills.addItem(item)
        self.skills.blockSignals(False)
        self.skills_label.setText("Skills:")
        self._set_skills_enabled(True)
        self.loaded = True
        self._update()

    def _load_failed(self, exc: BaseException) -> None:
        self.skills_label.setText("The skills could not be read.")
        show_error(self, exc, "Ask for feedback")

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.skills.count()):
            self.skills.item(i).setCheckState(state)

    def chosen(self) -> list[str]:
        """The codes of the ticked skills."""
        return [
            self.skills.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.skills.count())
            if self.skills.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.chosen()))

    def save(self, path: Path | None = None) -> None:
        """Write the template (to ``path``, or where the user chooses) and record the request,
        off the GUI thread; the dialog closes once both are done."""
        suffix = self.format.currentData()
        if path is None:
            name = f"feedback-request-{dt.date.today().isoformat()}{suffix}"
            chosen, _ = QFileDialog.getSaveFileName(self, "Save template", name, f"*{suffix}")
            if not chosen:
                return
            path = Path(chosen)
            if path.suffix.lower() != suffix:
                path = path.with_name(path.name + suffix)
        db, target, codes, mentor = self.db, path, self.chosen(), self.mentor.text()

        def write(_progress: ProgressFn) -> Path:
            with db.session() as s:
                result = write_feedback_template(
                    s, target, skill_codes=codes, mentor=mentor, overwrite=True
                )
            return result.path

        self.save_button.setEnabled(False)
        run_in_background(
            self, write, on_success=self._written, on_failure=self._failed, writes=True
        )

    def _written(self, path: Path) -> None:
        self.written = path
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update()
        show_error(self, exc, "Ask for feedback")


def tell_where_saved(parent: QWidget | None, path: Path) -> None:
    """Say where the template went and what comes next (here, not in the menu's module, so
    the message box stays off the window's start path)."""
    QMessageBox.information(
        parent,
        "Ask for feedback",
        literal(
            f"Saved {path.name}. Send it to your mentor; when it comes back "
            "filled in, import it with Feedback › Import feedback…"
        ),
    )
