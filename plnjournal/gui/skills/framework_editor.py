"""Editing the framework: areas and skills in a tree, the selected one's form beside it.

Works on a draft (``core.framework_edit``): Save writes all in one transaction, Cancel undoes
all (asking first when something changed). Archiving is reversible, so it asks nothing;
deleting is offered only for skills nothing refers to, and asks first.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.frameworks.edit import (
    AreaDraft,
    FrameworkDraft,
    SkillDraft,
    draft_problems,
    load_draft,
    save_draft,
)
from plnjournal.gui.plain import literal
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.skills.framework_forms import AreaForm, SkillForm, named
from plnjournal.gui.skills.saving_dialog import SavingDialog
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.storage.db import Database

DRAFT_ROLE = Qt.ItemDataRole.UserRole
T = TypeVar("T")


def _swap(seq: list[T], obj: T, step: int) -> bool:
    """Move ``obj`` (found by identity: drafts compare by value) ``step`` places in ``seq``."""
    i = next(n for n, x in enumerate(seq) if x is obj)
    j = i + step
    if not 0 <= j < len(seq):
        return False
    seq[i], seq[j] = seq[j], seq[i]
    return True


def _remove(seq: list[T], obj: T) -> None:
    seq[:] = [x for x in seq if x is not obj]


def _read_draft(db: Database) -> FrameworkDraft:
    with db.session() as session:
        return load_draft(session)


class FrameworkEditorDialog(SavingDialog):
    """Skills > Edit framework…"""

    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Edit the skills framework")
        self.draft = FrameworkDraft()  # until the framework is read (``loaded``)
        self.loaded = False
        self.dirty = False
        self._loading = False  # filling the fields from the draft: not an edit

        self.fw_name = named(QLineEdit(), "Framework name")
        self.fw_cadence = named(QSpinBox(), "Default cadence in days")
        self.fw_cadence.setRange(0, 365)
        self.fw_cadence.setSpecialValueText("none")
        self.fw_cadence.setSuffix(" days")
        self.fw_name.textEdited.connect(lambda t: self._set(self.draft, "name", t))
        self.fw_cadence.valueChanged.connect(
            lambda v: self._set(self.draft, "default_cadence_days", v or None)
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("Framework:"))
        top.addWidget(self.fw_name, 2)
        top.addWidget(QLabel("Default cadence:"))
        top.addWidget(self.fw_cadence)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Areas and skills")
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        buttons = QHBoxLayout()
        self.add_area_button = QPushButton("Add area")
        self.add_skill_button = QPushButton("Add skill")
        self.up_button = QPushButton("▲")
        self.down_button = QPushButton("▼")
        self.up_button.setToolTip("Move up")
        self.down_button.setToolTip("Move down")
        self.up_button.setAccessibleName("Move up")
        self.down_button.setAccessibleName("Move down")
        self.archive_button = QPushButton("Archive")
        self.delete_button = QPushButton("Delete…")
        self.add_area_button.clicked.connect(self.add_area)
        self.add_skill_button.clicked.connect(self.add_skill)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete_current)
        for b in (
            self.add_area_button,
            self.add_skill_button,
            self.up_button,
            self.down_button,
            self.archive_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(buttons)

        self.forms = QStackedWidget()
        self.hint = QLabel("Loading the framework…")
        self.forms.addWidget(self.hint)
        self.forms.addWidget(self._area_form())
        scroll = QScrollArea()  # the skill form is tall: it scrolls in small windows
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._skill_form())
        self.forms.addWidget(scroll)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.forms)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 640])

        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.save)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.box)
        remember_geometry(self, "framework_editor", (1000, 680))
        self._set_enabled(False)
        run_in_background(
            self, lambda _p: _read_draft(db), on_success=self._loaded, on_failure=self._load_failed
        )

    def _loaded(self, draft: FrameworkDraft) -> None:
        self.draft, self.loaded = draft, True
        self._loading = True
        self.fw_name.setText(draft.name)
        self.fw_cadence.setValue(draft.default_cadence_days or 0)
        self.skill_form.set_scale(draft.scale)
        self._loading = False
        for level, edit in self.descriptor_edits.items():
            edit.textChanged.connect(lambda lv=level, e=edit: self._edit_descriptor(lv, e))
        self._cadence_hint()
        self.hint.setText("Select an area or a skill to edit it.")
        self._set_enabled(True)
        self._rebuild()

    def _load_failed(self, exc: BaseException) -> None:
        self.hint.setText("The framework could not be read.")
        show_error(self, exc, self.windowTitle())

    # --- forms ---------------------------------------------------------------------------

    def _area_form(self) -> QWidget:
        self.area_form = AreaForm()
        self.area_name, self.area_description = self.area_form.name, self.area_form.description
        self.area_name.textEdited.connect(lambda t: self._edit_area("name", t))
        self.area_description.textChanged.connect(
            lambda: self._edit_area("description", self.area_description.toPlainText())
        )
        return self.area_form

    def _skill_form(self) -> QWidget:
        f = self.skill_form = SkillForm()
        self.skill_code, self.skill_name, self.skill_area = f.code, f.name, f.area
        self.skill_description, self.skill_target = f.description, f.target
        self.skill_cadence, self.descriptor_edits = f.cadence, f.descriptor_edits
        self.skill_keywords = f.keywords
        self.skill_keywords.textChanged.connect(
            lambda: self._edit_skill("keywords", self.skill_keywords.toPlainText())
        )
        self.skill_code.textEdited.connect(lambda t: self._edit_skill("code", t))
        self.skill_name.textEdited.connect(lambda t: self._edit_skill("name", t))
        self.skill_description.textChanged.connect(
            lambda: self._edit_skill("description", self.skill_description.toPlainText())
        )
        self.skill_target.activated.connect(
            lambda _i: self._edit_skill("target_level", self.skill_target.currentData())
        )
        self.skill_cadence.valueChanged.connect(
            lambda v: self._edit_skill("cadence_days", v or None)
        )
        self.skill_area.activated.connect(self._move_to_area)
        return f

    def _cadence_hint(self) -> None:
        self.skill_form.set_cadence_default(self.draft.default_cadence_days)

    # --- tree ----------------------------------------------------------------------------

    def _rebuild(self, select: AreaDraft | SkillDraft | None = None) -> None:
        self.tree.clear()
        chosen = None
        for area in self.draft.areas:
            a_item = QTreeWidgetItem([self._area_label(area)])
            a_item.setData(0, DRAFT_ROLE, area)
            font = QFont(a_item.font(0))
            font.setBold(True)
            font.setItalic(area.archived)
            a_item.setFont(0, font)
            self.tree.addTopLevelItem(a_item)
            chosen = a_item if area is select else chosen
            for skill in area.skills:
                s_item = QTreeWidgetItem([self._skill_label(skill)])
                s_item.setData(0, DRAFT_ROLE, skill)
                if skill.archived:
                    f = QFont(s_item.font(0))
                    f.setItalic(True)
                    s_item.setFont(0, f)
                    s_item.setForeground(0, self.palette().placeholderText())
                a_item.addChild(s_item)
                chosen = s_item if skill is select else chosen
        self.tree.expandAll()
        self.skill_area.clear()
        for area in self.draft.areas:
            self.skill_area.addItem(area.name or "(unnamed area)")
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._show_current()

    @staticmethod
    def _area_label(a: AreaDraft) -> str:
        return (a.name or "(unnamed area)") + ("  (archived)" if a.archived else "")

    @staticmethod
    def _skill_label(s: SkillDraft) -> str:
        return f"{s.code}  {s.name}" + ("  (archived)" if s.archived else "")

    def current(self) -> AreaDraft | SkillDraft | None:
        """The area or skill draft selected in the tree, or None."""
        item = self.tree.currentItem()
        draft = item.data(0, DRAFT_ROLE) if item else None
        return draft if isinstance(draft, AreaDraft | SkillDraft) else None

    def _area_of(self, skill: SkillDraft) -> AreaDraft:
        return next(a for a in self.draft.areas if any(s is skill for s in a.skills))

    def _show_current(self) -> None:
        obj = self.current()
        self._loading = True
        if isinstance(obj, AreaDraft):
            self.forms.setCurrentIndex(1)
            self.area_name.setText(obj.name)
            self.area_description.setPlainText(obj.description)
        elif isinstance(obj, SkillDraft):
            self.forms.setCurrentIndex(2)
            self.skill_code.setText(obj.code)
            self.skill_name.setText(obj.name)
            self.skill_description.setPlainText(obj.description)
            self.skill_target.setCurrentIndex(max(0, self.skill_target.findData(obj.target_level)))
            self.skill_cadence.setValue(obj.cadence_days or 0)
            self.skill_keywords.setPlainText(obj.keywords)
            self.skill_area.setCurrentIndex(self.draft.areas.index(self._area_of(obj)))
            for level, edit in self.descriptor_edits.items():
                edit.setPlainText(obj.levels.get(level, ""))
        else:
            self.forms.setCurrentIndex(0)
        self._loading = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        obj = self.current()
        self.add_skill_button.setEnabled(bool(self.draft.areas))
        self.up_button.setEnabled(obj is not None)
        self.down_button.setEnabled(obj is not None)
        self.archive_button.setEnabled(obj is not None)
        archived = getattr(obj, "archived", False)
        self.archive_button.setText("Restore" if archived else "Archive")
        if isinstance(obj, SkillDraft):
            can = self.draft.can_delete(obj)
            self.delete_button.setEnabled(can)
            self.delete_button.setToolTip(
                "Delete this skill (nothing refers to it)"
                if can
                else "This skill has reflections, ratings or feedback: archive it instead"
            )
        else:
            self.delete_button.setEnabled(isinstance(obj, AreaDraft) and not obj.skills)
            self.delete_button.setToolTip("Only an area without skills can be deleted")

    # --- edits ---------------------------------------------------------------------------

    def _set(self, obj: object, attr: str, value: object) -> None:
        if self._loading or getattr(obj, attr) == value:
            return
        setattr(obj, attr, value)
        self.dirty = True
        if obj is self.draft and attr == "default_cadence_days":
            self._cadence_hint()

    def _edit_area(self, attr: str, value: object) -> None:
        obj = self.current()
        if isinstance(obj, AreaDraft):
            self._set(obj, attr, value)
            item = self.tree.currentItem()
            if item is not None:
                item.setText(0, self._area_label(obj))
            i = self.draft.areas.index(obj)
            self.skill_area.setItemText(i, obj.name or "(unnamed area)")

    def _edit_skill(self, attr: str, value: object) -> None:
        obj = self.current()
        if isinstance(obj, SkillDraft):
            self._set(obj, attr, value)
            item = self.tree.currentItem()
            if item is not None:
                item.setText(0, self._skill_label(obj))

    def _edit_descriptor(self, level: int, edit: QPlainTextEdit) -> None:
        obj = self.current()
        if self._loading or not isinstance(obj, SkillDraft):
            return
        text = edit.toPlainText()
        if obj.levels.get(level, "") != text:
            obj.levels[level] = text
            self.dirty = True

    def add_area(self) -> None:
        """Append a new area and select it, its name ready to type over."""
        area = AreaDraft(name=f"New area {len(self.draft.areas) + 1}")
        self.draft.areas.append(area)
        self.dirty = True
        self._rebuild(select=area)
        self.area_name.setFocus()
        self.area_name.selectAll()

    def add_skill(self) -> None:
        """Add a skill to the selected area (or the last), with the next free code."""
        obj = self.current()
        if isinstance(obj, SkillDraft):
            area = self._area_of(obj)
        elif isinstance(obj, AreaDraft):
            area = obj
        elif self.draft.areas:
            area = self.draft.areas[-1]
        else:
            return
        mid = self.draft.scale[len(self.draft.scale) // 2][0] if self.draft.scale else 3
        skill = SkillDraft(code=self.draft.new_code(area), name="New skill", target_level=mid)
        area.skills.append(skill)
        self.dirty = True
        self._rebuild(select=skill)
        self.skill_name.setFocus()
        self.skill_name.selectAll()

    def move_current(self, step: int) -> None:
        """Move the selected area or skill ``step`` places within its list."""
        obj = self.current()
        if isinstance(obj, AreaDraft):
            moved = _swap(self.draft.areas, obj, step)
        elif isinstance(obj, SkillDraft):
            moved = _swap(self._area_of(obj).skills, obj, step)
        else:
            return
        if moved:
            self.dirty = True
            self._rebuild(select=obj)

    def _move_to_area(self, index: int) -> None:
        obj = self.current()
        if self._loading or not isinstance(obj, SkillDraft):
            return
        old, new = self._area_of(obj), self.draft.areas[index]
        if old is not new:
            old.skills.remove(obj)
            new.skills.append(obj)
            self.dirty = True
            self._rebuild(select=obj)

    def toggle_archived(self) -> None:
        """Archive or restore the selected area or skill (reversible, so no question)."""
        obj = self.current()
        if isinstance(obj, AreaDraft | SkillDraft):
            obj.archived = not obj.archived
            self.dirty = True
            self._rebuild(select=obj)

    def delete_current(self) -> None:
        """Delete the selected skill or empty area, after asking: only what nothing refers to."""
        obj = self.current()
        if isinstance(obj, SkillDraft) and self.draft.can_delete(obj):
            what = f"the skill {obj.code} “{obj.name}”"
        elif isinstance(obj, AreaDraft) and not obj.skills:
            what = f"the area “{obj.name}”"
        else:
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            literal(f"Delete {what}? Nothing refers to it. (Cancel in this window undoes it.)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            if isinstance(obj, SkillDraft):
                _remove(self._area_of(obj).skills, obj)
            else:
                _remove(self.draft.areas, obj)
            self.dirty = True
            self._rebuild()

    # --- save / cancel -------------------------------------------------------------------

    def save(self) -> None:
        """Write the whole draft in one transaction off the GUI thread; close once it is in."""
        problems = draft_problems(self.draft)
        if problems:
            QMessageBox.warning(self, self.windowTitle(), literal("\n".join(problems)))
            return
        db, draft = self.db, self.draft

        def write(_progress: ProgressFn) -> None:
            with db.session() as session:
                save_draft(session, draft)

        self.save_in_background(write, self._saved)

    def set_saving(self, saving: bool) -> None:
        """The draft is being written: no edits to it meanwhile, and no closing."""
        super().set_saving(saving)
        self._set_enabled(not saving)
        self.box.setEnabled(not saving)

    def _set_enabled(self, enabled: bool) -> None:
        """Edits and Save on or off (off while the draft is read or written)."""
        for part in self.findChildren(QWidget):
            if part is not self and part is not self.box and part.parent() is self:
                part.setEnabled(enabled)
        save = self.box.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(enabled)

    def _saved(self, _result: None) -> None:
        self.dirty = False
        self.saved.emit()
        self.accept()

    def unsaved_question(self) -> str | None:
        """Closing with changes asks first."""
        return "Discard your changes to the framework?" if self.dirty else None
