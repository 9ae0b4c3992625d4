"""Skills panel: which skills this reflection exercises, a self-rating for each (with the
level's descriptor), and how far outside the comfort zone the experience was.

The framework is read off the GUI thread (``gui/tasks.py``) and shown when it lands; the
journaling view writes what the panel announces (``links_changed``, ``comfort_changed``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.gui.journal.skills_model import (
    COL_SKILL,
    SEARCH_ROLE,
    SKILL_ID_ROLE,
    FrameworkRows,
    SkillLinksModel,
    read_skills,
    without_archived,
)
from plnjournal.gui.muted_label import MutedLabel
from plnjournal.gui.plain import html_label
from plnjournal.gui.tasks import Task, run_in_background
from plnjournal.storage.db import Database

COMFORT_LABELS = (
    "1 · well inside it",
    "2 · a little outside",
    "3 · outside",
    "4 · well outside",
    "5 · far outside",
)


class SkillsPanel(QWidget):
    """The open reflection's skills: link them, rate where the reflection stood, and its comfort."""

    links_changed = Signal(object)  # dict: skill id -> self-rating or None
    comfort_changed = Signal(object)  # int | None

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._framework: FrameworkRows | None = None  # as read, archived skills included
        self._generation = 0  # the newest read (an older one landing later is dropped)
        self.model = SkillLinksModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        # Filter when the search text changes, not on every changed check mark (re-filtering
        # the whole tree on each link made switching days slow).
        self.proxy.setDynamicSortFilter(False)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a skill (code or name)")
        self.search.setAccessibleName("Find a skill")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Skills this reflection exercises")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_SKILL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.no_framework = QLabel(
            "No skills framework yet. Choose or import one in the Skills menu, then link "
            "your reflections to its skills."
        )
        self.no_framework.setWordWrap(True)
        self.loading = MutedLabel("Loading skills…")

        # Our markup around the escaped code and name.
        self.rated_skill = html_label("Select a skill to rate yourself on it.")
        self.rated_skill.setWordWrap(True)
        self.rating = QComboBox()
        self.rating.setAccessibleName("Self-rating for the selected skill")
        self.rating.setPlaceholderText("select a skill above")
        self.descriptor = QLabel()
        self.descriptor.setTextFormat(Qt.TextFormat.PlainText)
        self.descriptor.setWordWrap(True)
        self.descriptor.setAccessibleName("What this level looks like")
        self.descriptor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comfort = QComboBox()
        self.comfort.setAccessibleName("Outside my comfort zone, 1 to 5")
        self.comfort.setToolTip("How far outside your comfort zone was this experience?")
        self.comfort.addItem("not rated", None)
        for i, label in enumerate(COMFORT_LABELS, start=1):
            self.comfort.addItem(label, i)

        rating_form = QFormLayout()
        rating_form.setContentsMargins(0, 0, 0, 0)
        rating_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rating_form.addRow("Self-rating:", self.rating)
        form = QFormLayout()
        form.setContentsMargins(0, 8, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Comfort zone:", self.comfort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.loading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.no_framework)
        layout.addWidget(self.rated_skill)
        layout.addLayout(rating_form)
        layout.addWidget(self.descriptor)
        layout.addLayout(form)

        self.search.textChanged.connect(self._filter)
        self.model.links_changed.connect(self.links_changed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.rating.activated.connect(self._rating_chosen)
        self.rating.highlighted.connect(self._show_descriptor)
        self.comfort.activated.connect(
            lambda i: self.comfort_changed.emit(self.comfort.itemData(i))
        )
        self._current_skill: int | None = None
        self._update_rating_box()
        # Until the first reload_skills(), just after the window shows: an empty, disabled
        # list under "Loading skills…" (the same size, so nothing moves when it fills).
        self.no_framework.hide()
        self.tree.setEnabled(False)
        self.search.setEnabled(False)

    def reload_skills(self) -> Task:
        """Read the framework's skills off the GUI thread; shown when they land."""
        db = self.db
        self._generation += 1
        generation = self._generation

        def read(framework: FrameworkRows) -> None:
            if generation == self._generation:
                self._framework = framework
                self._show_skills()

        return run_in_background(self, lambda _progress: read_skills(db), on_success=read)

    def _show_skills(self) -> None:
        # Archived skills only when the open reflection links them.
        assert self._framework is not None
        self.model.set_skills(without_archived(self._framework, keep=set(self.model.links)))
        self.tree.expandAll()
        has = bool(self.model.areas)
        self.loading.hide()
        self.tree.setEnabled(True)
        self.search.setEnabled(True)
        self.no_framework.setVisible(not has)
        self.tree.setVisible(has)
        self.search.setVisible(has)
        self._update_rating_box()

    def set_entry(self, links: dict[int, int | None], comfort: int | None) -> None:
        """Show the open reflection's links and comfort rating (announces nothing)."""
        missing = {sid for sid in links if self.model.skill(sid) is None}
        if missing and self._framework is not None:
            # An archived skill linked to this reflection must show: it was read with the
            # rest, unless it is newer than the last read.
            self.model.links = dict(links)
            read = {sk.id for area in self._framework[1] for sk in area.skills}
            if missing <= read:
                self._show_skills()
            else:
                self.reload_skills()
        self.model.set_links(links)
        self.comfort.setCurrentIndex(max(self.comfort.findData(comfort), 0))
        self._update_rating_box()

    def links(self) -> dict[int, int | None]:
        """The open reflection's links: skill id → self-rating (None: linked, not rated)."""
        return dict(self.model.links)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._current_skill = current.siblingAtColumn(COL_SKILL).data(SKILL_ID_ROLE)
        self._update_rating_box()

    def choices(self) -> list[tuple[int, str]]:
        """(id, "code · name") of each skill shown, to choose one from elsewhere."""
        return [(sk.id, f"{sk.code} · {sk.name}") for a in self.model.areas for sk in a.skills]

    def select_skill(self, skill_id: int) -> None:
        """Make ``skill_id`` the current skill (the one the rating box rates)."""
        source = self.model.index_of(skill_id)
        if source.isValid():
            self.tree.setCurrentIndex(self.proxy.mapFromSource(source))

    def _update_rating_box(self) -> None:
        sk = self.model.skill(self._current_skill) if self._current_skill else None
        self.rating.clear()
        self.rating.setEnabled(sk is not None)
        if sk is None:
            self.rated_skill.setText("Select a skill to link it and rate yourself on it.")
            self.descriptor.clear()
            self.descriptor.hide()
            return
        self.rated_skill.setText(f"<b>{escape(sk.code)}</b> {escape(sk.name)} · target {sk.target}")
        self.rating.addItem("no rating", None)
        for level, label in self.model.levels:
            self.rating.addItem(f"{level} · {label}", level)
        current = self.model.links.get(sk.id)
        self.rating.setCurrentIndex(max(self.rating.findData(current), 0))
        self._show_descriptor(self.rating.currentIndex())

    def _show_descriptor(self, index: int) -> None:
        sk = self.model.skill(self._current_skill) if self._current_skill else None
        level = self.rating.itemData(index)
        self.descriptor.setVisible(sk is not None)
        if sk is None:
            self.descriptor.clear()
        elif level is None:
            target = sk.descriptors.get(sk.target, "")
            self.descriptor.setText(f"Target {sk.target}: {target}" if target else sk.description)
        else:
            text = sk.descriptors.get(level) or "(no descriptor for this level)"
            self.descriptor.setText(f"{level} · {self.model.level_label(level)}: {text}")

    def _rating_chosen(self, index: int) -> None:
        if self._current_skill is not None:
            self.model.set_rating(self._current_skill, self.rating.itemData(index))
            self._show_descriptor(index)
