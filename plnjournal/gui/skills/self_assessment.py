"""Rate yourself on all skills: one skill at a time, every level's descriptor in view.

The list on the left shows every skill by area and what you gave it; the right shows the
skill, your last self and mentor ratings, and one choice per level with its descriptor.
Keys 1–9 pick a level and move on; 0 or Space skips. Saving writes one dated self rating per
rated skill (origin "self_assessment") in one transaction.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.core.skills.lookup import list_skills
from plnjournal.core.skills.matrix import MatrixRow, SkillMatrix, skill_matrix
from plnjournal.core.skills.self_assessment import record_self_assessment
from plnjournal.core.words import plural
from plnjournal.gui.plain import html_label, no_mnemonic, plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.skills.saving_dialog import SavingDialog
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.storage.db import Database

SKIP = 1000  # the "not this time" choice; QButtonGroup treats -1 as "assign an id"


class LevelChoice(QFrame):
    """A radio button for one level with its descriptor wrapped beneath it."""

    def __init__(
        self, level: int, label: str, descriptor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.level = level
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The scale's labels and the descriptors come from the framework file.
        self.radio = QRadioButton(no_mnemonic(f"{level} · {label}" if level != SKIP else label))
        self.radio.setAccessibleDescription(descriptor)
        self.text = plain_label(descriptor)
        self.text.setWordWrap(True)
        self.text.setIndent(24)
        self.text.setVisible(bool(descriptor))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.radio)
        layout.addWidget(self.text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click anywhere on the descriptor picks the level, not only on the button."""
        self.radio.setChecked(True)
        super().mousePressEvent(event)


def _read_skills(db: Database) -> tuple[SkillMatrix, dict[int, dict[int, str]]]:
    """The worker's read: the active skills with their latest ratings, and every level's
    descriptor per skill id."""
    with db.session() as session:
        matrix = skill_matrix(session, include_archived=False)
        descriptors = {
            s.id: {d.level: d.text for d in s.descriptors}
            for s in list_skills(session, include_archived=False)
        }
    return matrix, descriptors


class SelfAssessmentDialog(SavingDialog):
    """Skills > Rate yourself on all skills…"""

    saved = Signal(int)  # how many ratings were written

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Rate yourself on all skills")
        today = dt.date.today()
        # Empty until the skills are read (``loaded``).
        self.matrix = SkillMatrix("", today, today, [], [], [])
        self.descriptors: dict[int, dict[int, str]] = {}
        self.rows: list[MatrixRow] = []
        self.loaded = False
        self.choices: dict[int, int] = {}  # skill id -> level chosen in this assessment
        self.current = -1

        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName("Date of this self-assessment")
        top = QHBoxLayout()
        intro = QLabel(
            "Rate where you are now on each skill. Read the descriptors: pick the level that "
            "describes what you do most of the time. Keys 1–5 choose, 0 skips."
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        top.addWidget(QLabel("Date:"))
        top.addWidget(self.date)

        self.skill_list = QListWidget()
        self.skill_list.setAccessibleName("Skills")
        self._item_rows: dict[int, QListWidgetItem] = {}
        self.skill_list.currentItemChanged.connect(self._list_moved)

        self.title = html_label()  # our heading around the escaped code and name
        self.title.setWordWrap(True)
        self.context = plain_label()  # area, mentor names, the description: as written
        self.context.setWordWrap(True)
        self.levels_box = QWidget()
        self.levels_layout = QVBoxLayout(self.levels_box)
        self.levels_layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._picked)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.title)
        inner_layout.addWidget(self.context)
        inner_layout.addWidget(self.levels_box)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)

        self.prev_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.prev_button.clicked.connect(lambda: self.go(self.current - 1))
        self.next_button.clicked.connect(lambda: self.go(self.current + 1))
        self.progress = QLabel()
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.progress, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(scroll, 1)
        right_layout.addLayout(nav)

        split = QSplitter()
        split.addWidget(self.skill_list)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 600])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

        self.skill_list.installEventFilter(self)
        remember_geometry(self, "self_assessment", (980, 680))
        self.title.setText("<h2>Loading the skills…</h2>")
        self.skill_list.setEnabled(False)
        self._update_progress()
        run_in_background(
            self, lambda _p: _read_skills(db), on_success=self._loaded, on_failure=self._failed
        )

    def _loaded(self, result: tuple[SkillMatrix, dict[int, dict[int, str]]]) -> None:
        self.matrix, self.descriptors = result
        self.rows = list(self.matrix.rows)
        self.loaded = True
        area = None
        for i, r in enumerate(self.rows):
            if r.area != area:
                area = r.area
                head = QListWidgetItem(area)
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
                self.skill_list.addItem(head)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.skill_list.addItem(item)
            self._item_rows[i] = item
            self._label_item(i)
        self.skill_list.setEnabled(True)
        if self.rows:
            self.go(0)
            self.skill_list.setFocus()  # not the date: its digits would eat the level keys
        else:
            self.title.setText("<h2>No skills yet</h2>")
            self.context.setText("Choose or import a skills framework first (Skills menu).")
        self._update_progress()

    def _failed(self, exc: BaseException) -> None:
        self.title.setText("<h2>The skills could not be read</h2>")
        show_error(self, exc, self.windowTitle())

    # --- navigation ----------------------------------------------------------------------

    def go(self, i: int) -> None:
        """Show skill ``i`` of the list (clamped to the ends)."""
        if not self.rows:
            return
        i = max(0, min(len(self.rows) - 1, i))
        self.current = i
        self.skill_list.blockSignals(True)
        self.skill_list.setCurrentItem(self._item_rows[i])
        self.skill_list.blockSignals(False)
        self._show(self.rows[i])
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(i < len(self.rows) - 1)

    def _list_moved(
        self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None
    ) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.go(item.data(Qt.ItemDataRole.UserRole))

    def _show(self, r: MatrixRow) -> None:
        m = self.matrix
        # Rich text for the heading; the code and name come from the database: escaped.
        heading = escape(f"{r.code} · {r.name}")
        self.title.setText(f"<h2 style='margin:0'>{heading}</h2>")
        bits = [r.area, f"target {r.target_level} ({m.label(r.target_level)})"]
        if r.latest_self:
            bits.append(f"you last said {r.latest_self.level} on {r.latest_self.on:%d %b %Y}")
        if r.latest_mentor:
            who = r.latest_mentor.rater or "a mentor"
            bits.append(f"{who} said {r.latest_mentor.level} on {r.latest_mentor.on:%d %b %Y}")
        self.context.setText(" · ".join(bits) + (f"\n\n{r.description}" if r.description else ""))
        texts = self.descriptors.get(r.skill_id, {})
        chosen = self.choices.get(r.skill_id, SKIP)
        if not self.group.buttons():  # built once; each skill only changes the texts
            for level, label in [*m.scale, (SKIP, "Not this time (skip)")]:
                choice = LevelChoice(level, label, "", self.levels_box)
                choice.radio.installEventFilter(self)
                self.group.addButton(choice.radio, level)
                self.levels_layout.addWidget(choice)
                choice.show()  # now, not queued: the dialog is already up when the skills arrive
        last = r.latest_self.level if r.latest_self else None
        for i in range(self.levels_layout.count()):
            layout_item = self.levels_layout.itemAt(i)
            widget = layout_item.widget() if layout_item is not None else None
            if not isinstance(widget, LevelChoice):
                continue
            choice = widget
            if choice.level != SKIP:
                notes = [
                    n
                    for n, on in (("your target", r.target_level), ("last time", last))
                    if on == choice.level
                ]
                extra = f"   ({', '.join(notes)})" if notes else ""
                choice.radio.setText(
                    no_mnemonic(f"{choice.level} · {m.label(choice.level)}{extra}")
                )
                text = texts.get(choice.level, "")
                choice.text.setText(text)
                choice.text.setVisible(bool(text))
                choice.radio.setAccessibleDescription(text)
            self.group.setExclusive(False)
            choice.radio.setChecked(choice.level == chosen)
            self.group.setExclusive(True)

    def _picked(self, level: int) -> None:
        r = self.rows[self.current]
        if level == SKIP:
            self.choices.pop(r.skill_id, None)
        else:
            self.choices[r.skill_id] = level
        self._label_item(self.current)
        self._update_progress()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Digit keys in the skill list or on a level choose that level (0 skips)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if (
                len(text) == 1
                and text.isdigit()
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                self._key_level(int(text) or SKIP)
                return True
        return super().eventFilter(watched, event)

    def _key_level(self, level: int) -> None:
        if self.current < 0 or (level != SKIP and level not in dict(self.matrix.scale)):
            return
        button = self.group.button(level)
        if button is not None:
            button.setChecked(True)
            self._picked(level)
            self.go(self.current + 1)

    def choose(self, skill_id: int, level: int) -> None:
        """Pick ``level`` for a skill, as a click would (scripting and tests)."""
        for i, r in enumerate(self.rows):
            if r.skill_id == skill_id:
                self.go(i)
                self.group.button(level).click()
                return
        raise KeyError(skill_id)

    def _label_item(self, i: int) -> None:
        r = self.rows[i]
        level = self.choices.get(r.skill_id)
        mark = f"  → {level}" if level is not None else ""
        self._item_rows[i].setText(f"   {r.code}  {r.name}{mark}")

    def _update_progress(self) -> None:
        n = len(self.choices)
        self.progress.setText(f"{n} of {plural(len(self.rows), 'skill')} rated")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(n > 0)

    # --- saving --------------------------------------------------------------------------

    def assessment_date(self) -> dt.date:
        """The day the ratings are dated (today unless changed)."""
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def save(self) -> None:
        """Write the ratings in one transaction off the GUI thread; close once they are in."""
        if not self.choices or self.saving:
            return
        db, choices, day = self.db, dict(self.choices), self.assessment_date()

        def write(_progress: ProgressFn) -> int:
            with db.session() as session:
                record_self_assessment(session, choices, day)
            return len(choices)

        self.save_in_background(write, self._saved)

    def set_saving(self, saving: bool) -> None:
        """No Save or Cancel while the ratings are written."""
        super().set_saving(saving)
        self.buttons.setEnabled(not saving)

    def _saved(self, n: int) -> None:
        self.saved.emit(n)
        self.accept()

    def unsaved_question(self) -> str | None:
        """Closing with ratings given asks first."""
        if not self.choices:
            return None
        return f"Discard the {len(self.choices)} ratings you gave in this assessment?"
