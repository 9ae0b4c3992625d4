"""A thin tree model of the framework's skills (areas → skills) with the open reflection's links.

Column 0 is the skill, checkable (linked or not); column 1 the self-rating given with this
reflection. The model holds plain copies of core data, never live ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from plnjournal.gui.plain import literal
from plnjournal.lazy import lazy_module
from plnjournal.storage.db import Database

# Made on the GUI thread right after the first paint, while SQLAlchemy still loads on a worker
# (gui/shell/main_window.py, prepare_orm): the service (SQLAlchemy) is named here and used
# once it has loaded, so the GUI thread never waits for that import.
skills_lookup = lazy_module("plnjournal.core.skills.lookup")

COL_SKILL, COL_RATING = 0, 1
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SkillInfo:
    """One skill as the panel shows it: plain values, so it can be read on a worker."""

    id: int
    code: str
    name: str
    description: str
    target: int
    archived: bool
    descriptors: dict[int, str] = field(default_factory=dict)


@dataclass
class AreaInfo:
    """An area of the framework and its skills, in the framework's order."""

    name: str
    skills: list[SkillInfo]


FrameworkRows = tuple[list[tuple[int, str]], list[AreaInfo]]


def read_skills(db: Database, keep: set[int] | None = None) -> FrameworkRows:
    """The active framework's levels and areas; archived skills only when linked (``keep``;
    None: all of them, for ``without_archived`` to choose from once the links are known)."""
    areas: dict[str, AreaInfo] = {}
    with db.session() as s:
        fw = skills_lookup.active_framework(s)
        levels = [(lv.level, lv.label) for lv in fw.levels] if fw else []
        for sk in skills_lookup.list_skills(s):
            if sk.archived and keep is not None and sk.id not in keep:
                continue
            info = SkillInfo(
                sk.id,
                sk.code,
                sk.name,
                sk.description,
                sk.target_level,
                sk.archived,
                {d.level: d.text for d in sk.descriptors},
            )
            areas.setdefault(sk.area.name, AreaInfo(sk.area.name, [])).skills.append(info)
    return levels, list(areas.values())


def without_archived(framework: FrameworkRows, keep: set[int]) -> FrameworkRows:
    """``framework`` with its archived skills left out, but for those linked (``keep``)."""
    levels, areas = framework
    shown = [
        AreaInfo(a.name, [sk for sk in a.skills if not sk.archived or sk.id in keep]) for a in areas
    ]
    return levels, [a for a in shown if a.skills]


class SkillLinksModel(QAbstractItemModel):
    """The framework as a tree (areas, then skills) with the open reflection's links and ratings."""

    links_changed = Signal(object)  # dict: skill id -> self-rating or None (a dict signal
    # would go through QVariantMap, which drops int keys)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.areas: list[AreaInfo] = []
        self.levels: list[tuple[int, str]] = []
        self.links: dict[int, int | None] = {}
        self._by_id: dict[int, SkillInfo] = {}

    def set_skills(self, framework: FrameworkRows) -> None:
        """Show these levels and areas (read by ``read_skills``, wherever waiting is harmless)."""
        levels, areas = framework
        self.beginResetModel()
        self.levels = levels
        self.areas = list(areas)
        self._by_id = {sk.id: sk for a in self.areas for sk in a.skills}
        self.endResetModel()

    def set_links(self, links: dict[int, int | None]) -> None:
        """Show another reflection's links: only the rows whose check mark or level changes
        are announced (no reset: the tree keeps its expanded areas and scroll position, and
        switching days stays cheap)."""
        old, self.links = self.links, dict(links)
        changed = {
            k for k in old.keys() | self.links.keys() if old.get(k, -1) != self.links.get(k, -1)
        }
        for skill_id in changed:
            index = self.index_of(skill_id)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(COL_RATING))
                self.dataChanged.emit(index.parent(), index.parent())

    def skill(self, skill_id: int) -> SkillInfo | None:
        """The skill with this id as shown (None if the framework no longer has it)."""
        return self._by_id.get(skill_id)

    def level_label(self, level: int) -> str:
        """The framework's name for a level; the number itself if it has none."""
        return dict(self.levels).get(level, str(level))

    def set_rating(self, skill_id: int, level: int | None) -> None:
        """Rate (and so link) a skill; announced as a whole new set of links."""
        self.links[skill_id] = level
        self._changed(skill_id)

    def set_linked(self, skill_id: int, linked: bool) -> None:
        """Link or unlink a skill (unlinking drops its rating); announced like a rating."""
        if linked:
            self.links.setdefault(skill_id, None)
        else:
            self.links.pop(skill_id, None)
        self._changed(skill_id)

    def _changed(self, skill_id: int) -> None:
        index = self.index_of(skill_id)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(COL_RATING))
        self.links_changed.emit(dict(self.links))

    def index_of(self, skill_id: int) -> QModelIndex:
        """The skill's row, for selecting it and announcing its changes."""
        for a_row, area in enumerate(self.areas):
            for s_row, sk in enumerate(area.skills):
                if sk.id == skill_id:
                    return self.index(s_row, COL_SKILL, self.index(a_row, 0))
        return QModelIndex()

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """QAbstractItemModel.index: areas at the top, their skills under them."""
        # Bounds checked here rather than with hasIndex(): this runs thousands of times.
        if not 0 <= column < 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.areas):
                return QModelIndex()
            return self.createIndex(row, column, 0)  # an area
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        area = parent.row()
        if area >= len(self.areas) or row >= len(self.areas[area].skills):
            return QModelIndex()
        return self.createIndex(row, column, area + 1)  # a skill of area row-1

    # The ignore: PySide's stub overloads parent() with QObject.parent(), which has no index;
    # this override is the item model's form only.
    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """QAbstractItemModel.parent: a skill's area (an area has none)."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.rowCount."""
        if not parent.isValid():
            return len(self.areas)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.areas[parent.row()].skills)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractItemModel.columnCount."""
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """QAbstractItemModel.headerData."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Skill", "Level")[section]
        return None

    def _skill_at(self, index: _Index) -> SkillInfo | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.areas[index.internalId() - 1].skills[index.row()]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """QAbstractItemModel.flags: skills are checkable, areas only show."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._skill_at(index) is not None and index.column() == COL_SKILL:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """QAbstractItemModel.data: names, check marks, levels, tooltips and search text."""
        if not index.isValid():
            return None
        sk = self._skill_at(index)
        if sk is None:
            area = self.areas[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_SKILL:
                n = sum(1 for s in area.skills if s.id in self.links)
                return f"{area.name} ({n})" if n else area.name
            if role == SEARCH_ROLE:
                return area.name
            return None
        linked = sk.id in self.links
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_SKILL:
                return f"{sk.code}  {sk.name}" + ("  (archived)" if sk.archived else "")
            level = self.links.get(sk.id)
            return str(level) if level is not None else ""
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_SKILL:
            return Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            level = self.links.get(sk.id)
            if index.column() == COL_RATING and level is not None:
                return literal(f"Self-rating {level} · {self.level_label(level)}")
            return literal(f"{sk.code} {sk.name}\n{sk.description}".strip())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_RATING:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "linked" if linked else "not linked"
            level = self.links.get(sk.id)
            rated = f", self-rating {level}" if level is not None else ""
            return f"{sk.code} {sk.name}, {state}{rated}"
        if role == SKILL_ID_ROLE:
            return sk.id
        if role == SEARCH_ROLE:
            return f"{sk.code} {sk.name}"
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """QAbstractItemModel.setData: a check mark links or unlinks the skill."""
        sk = self._skill_at(index)
        if sk is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        self.set_linked(sk.id, checked)
        self.dataChanged.emit(index.parent(), index.parent())
        return True
