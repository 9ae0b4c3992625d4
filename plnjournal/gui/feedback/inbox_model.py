"""The feedback inbox as a tree: one group per skill with how many items wait on it, each
group's items newest first, and the group with the newest item first.

Grouped, a user sort by column would tear the groups apart, so the inbox has none: the order
is this one, said in the header's tooltip. The model is handed the core's rows
(``unanswered_feedback``) and never reads the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from plnjournal.core.feedback.inbox import FeedbackRow
from plnjournal.gui.feedback.models import ID_ROLE, cues_text, one_line
from plnjournal.gui.plain import literal

AnyIndex = QModelIndex | QPersistentModelIndex
I_WHEN, I_MENTOR, I_RATING, I_WHY, I_COMMENT = range(5)
INBOX_HEADERS = ("Skill and date", "Mentor", "Rating", "Why it waits", "Comment")
ORDER_TIP = "Grouped by skill; the newest feedback first, in each skill and across them."
_TOP = 0xFFFFFFFF  # internalId of a group row (its items carry their group's number)


@dataclass(frozen=True)
class InboxGroup:
    """One skill's waiting items, newest first."""

    skill_code: str
    skill_name: str
    items: tuple[FeedbackRow, ...]

    @property
    def label(self) -> str:
        """ "PA1 Working with parents · 3 waiting"."""
        return f"{self.skill_code} {self.skill_name} · {len(self.items)} waiting"


def group_by_skill(rows: list[FeedbackRow]) -> list[InboxGroup]:
    """The rows in groups by skill: items newest first, groups by their newest item."""
    newest_first = sorted(rows, key=lambda r: (r.given_on, r.id), reverse=True)
    groups: dict[int, list[FeedbackRow]] = {}
    for row in newest_first:
        groups.setdefault(row.skill_id, []).append(row)
    return [
        InboxGroup(items[0].skill_code, items[0].skill_name, tuple(items))
        for items in groups.values()
    ]


def why_it_waits(row: FeedbackRow) -> str:
    """Short; the detail pane says it in full."""
    if row.level is not None and row.level < row.target_level:
        return f"below target {row.target_level}"
    return one_line(cues_text(row), 60)


class InboxModel(QAbstractItemModel):
    """Skills as top rows, their waiting feedback items as children."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[InboxGroup] = []
        self.rows: list[FeedbackRow] = []  # every item, in the order shown

    def set_rows(self, rows: list[FeedbackRow]) -> None:
        """Show these items, grouped (one reset: a new read replaces the whole inbox)."""
        self.beginResetModel()
        self.groups = group_by_skill(rows)
        self.rows = [item for g in self.groups for item in g.items]
        self.endResetModel()

    def row_at(self, index: AnyIndex | int) -> FeedbackRow | None:
        """The item behind an index (None for a skill's row), or the n-th item shown."""
        if isinstance(index, int):
            return self.rows[index] if 0 <= index < len(self.rows) else None
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self.groups[index.internalId()].items[index.row()]

    def group_at(self, index: AnyIndex) -> InboxGroup | None:
        """The skill's group of a top row, None for an item."""
        if not index.isValid() or index.internalId() != _TOP:
            return None
        return self.groups[index.row()]

    def index_of(self, item_id: int) -> QModelIndex:
        """The item's index (column 0), or an invalid one when it is not in the inbox."""
        for g, group in enumerate(self.groups):
            for r, item in enumerate(group.items):
                if item.id == item_id:
                    return self.createIndex(r, 0, g)
        return QModelIndex()

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Qt model API: a top row carries ``_TOP``, an item its group's number."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """Qt model API."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Qt model API: the groups at the top, each group's items under it."""
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.groups[parent.row()].items)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Qt model API."""
        return len(INBOX_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        """Qt model API; the tooltip says the order, as there is no sort to choose."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return INBOX_HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ORDER_TIP
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt model API."""
        group = self.group_at(index)
        if group is not None:
            return self._group_data(group, index.column(), role)
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{row.given_on.day} {row.given_on:%b %Y}",
                row.mentor,
                "" if row.level is None else str(row.level),
                why_it_waits(row),
                one_line(row.comment),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == I_RATING and row.level is not None:
                return literal(f"{row.level} {row.level_label} (target {row.target_level})")
            if col == I_WHY and row.reason:
                return literal(f"Waiting for a reflection: {row.reason}")
            if col == I_COMMENT and row.comment:
                return literal(row.comment[:1500])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == I_RATING:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return row.id
        return None

    def _group_data(self, group: InboxGroup, col: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return group.label if col == 0 else None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return group.label
        if role == Qt.ItemDataRole.FontRole and col == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Qt model API: every row can be selected (a skill's row shows its summary)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _TOP:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags
