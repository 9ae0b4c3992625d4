"""The feedback import's column page: every column the files have, what it was read as, and a
choice to read it as something else (a field, or one skill's rating or comment).

It shows a plan the dialog has already made, with the skills read alongside it on the same
worker; it reads no file and no database.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.feedback.importer import ImportPlan
from plnjournal.core.plain_text import one_line
from plnjournal.gui.plain import literal, plain_label
from plnjournal.gui.skills.matrix_model import Tone
from plnjournal.gui.tones import tone_background

FIELD_CHOICES = (
    ("Ignore this column", "ignore"),
    ("Date", "date"),
    ("Mentor", "mentor"),
    ("Skill (code or name)", "skill"),
    ("Rating", "rating"),
    ("Comment (for the whole row)", "comment"),
)
ROLE_WORDS = {
    "date": "date",
    "mentor": "mentor",
    "skill": "skill",
    "rating": "rating",
    "comment": "comment",
    "info": "not needed",
    "ignored": "not recognised, ignored",
    "new skill": "ratings of an unknown skill",
}


def describe_role(role: str) -> str:
    """A column's detected role in words ("rating of PA1", "not needed")."""
    kind, _, code = role.partition(":")
    if code:
        return f"{kind} of {code}"
    return ROLE_WORDS.get(role, role)


def skill_choices(skills: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The per-skill choices for a column, from (code, name) pairs of the active skills."""
    return [(f"Rating of {c} {n}", f"rating:{c}") for c, n in skills] + [
        (f"Comment on {c} {n}", f"comment:{c}") for c, n in skills
    ]


class MappingPage(QWidget):
    """Step 2 of the import: say what the columns hold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = plain_label()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Column", "In file", "Example values", "Read as"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(3, 280)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)

    def fill(
        self, plan: ImportPlan, mapping: dict[str, str], skills: list[tuple[str, str]]
    ) -> None:
        """One row per column of ``plan`` (the unclear ones first), each choice set to what
        ``mapping`` says; ``skills`` as (code, name) for the per-skill choices."""
        rows = [(pf.name, c) for pf in plan.files for c in pf.columns]
        rows.sort(key=lambda r: r[1].recognised)  # the unclear ones first
        unclear = sum(1 for _, c in rows if not c.recognised)
        self.intro.setText(
            (
                f"{unclear} column{'s were' if unclear != 1 else ' was'} not recognised. "
                if unclear
                else "Every column was recognised. "
            )
            + "Check what each column holds; change “Read as” where it is wrong, then check "
            "again. Unrecognised columns are ignored unless you say what they hold."
        )
        choices = skill_choices(skills)
        table = self.table
        table.setRowCount(len(rows))
        warn = tone_background(Tone.WARN, self.palette())
        for r, (file_name, column) in enumerate(rows):
            name = QTableWidgetItem(column.header)
            name.setToolTip(literal(column.header))  # the file's own words
            if not column.recognised and warn is not None:
                name.setBackground(warn)
                name.setText("⚠ " + column.header)
            table.setItem(r, 0, name)
            table.setItem(r, 1, QTableWidgetItem(file_name))
            examples = QTableWidgetItem(" · ".join(one_line(v) for v in column.samples))
            examples.setToolTip(literal("\n".join(column.samples)))
            table.setItem(r, 2, examples)
            combo = QComboBox()
            combo.setAccessibleName(f"Read {column.header} as")
            combo.addItem(f"As detected: {describe_role(column.role)}", None)
            for text, role in FIELD_CHOICES:
                combo.addItem(text, role)
            combo.insertSeparator(combo.count())
            for text, role in choices:
                combo.addItem(text, role)
            chosen = mapping.get(column.header)
            if chosen is not None:
                at = combo.findData(chosen)
                combo.setCurrentIndex(max(at, 0))
            combo.setProperty("header", column.header)
            table.setCellWidget(r, 3, combo)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)

    def mapping(self) -> dict[str, str]:
        """What the user chose for each column they changed (header → role)."""
        mapping: dict[str, str] = {}
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 3)
            if isinstance(combo, QComboBox) and combo.currentData() is not None:
                mapping[combo.property("header")] = combo.currentData()
        return mapping
