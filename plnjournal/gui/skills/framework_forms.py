"""The framework editor's two forms, an area's fields and a skill's; the dialog wires them to
its draft. The skill form's level rows follow the framework's scale, known once it is read."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from plnjournal.gui.plain import no_mnemonic, plain_label

KEYWORDS_LABEL = "Words that show a reflection is about this skill"

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with an accessible name (not the constructor's ``accessibleName=``: PySide6's
    stubs leave out inherited properties)."""
    widget.setAccessibleName(name)
    return widget


def text_edit(lines: int = 3) -> QPlainTextEdit:
    """A plain-text field ``lines`` high that Tab leaves, as a line edit would."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class AreaForm(QWidget):
    """An area's name and description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.name = named(QLineEdit(), "Area name")
        self.description = named(text_edit(), "Area description")
        form.addRow("Name:", self.name)
        form.addRow("Description:", self.description)


class SkillForm(QWidget):
    """A skill's fields; ``set_scale`` adds the target levels and a descriptor per level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = named(QLineEdit(), "Skill code")
        self.code.setMaxLength(40)
        self.name = named(QLineEdit(), "Skill name")
        self.area = named(QComboBox(), "Area of the skill")
        self.description = named(text_edit(), "Skill description")
        self.target = named(QComboBox(), "Target level")
        self.cadence = named(QSpinBox(), "Cadence in days")
        self.cadence.setRange(0, 365)
        self.cadence.setSuffix(" days")
        self.descriptor_edits: dict[int, QPlainTextEdit] = {}
        for label, field in (
            ("Code:", self.code),
            ("Name:", self.name),
            ("Area:", self.area),
            ("Description:", self.description),
            ("Target level:", self.target),
            ("Reflect at least every:", self.cadence),
        ):
            self._form.addRow(label, field)
        # Its own full-width rows: the long label would widen the label column of every row.
        self.keywords = named(text_edit(2), KEYWORDS_LABEL)
        self.keywords.setPlaceholderText("e.g. parents' evening, phone call home, carers")
        hint = QLabel(
            f"{KEYWORDS_LABEL} (comma or one per line), besides its code, name and descriptors:"
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setBuddy(self.keywords)
        self._form.addRow(hint)
        self._form.addRow(self.keywords)

    def set_scale(self, scale: list[tuple[int, str]]) -> None:
        """The levels of the framework's scale: target choices and a descriptor field each
        (called once, when the framework has been read)."""
        for level, label in scale:
            self.target.addItem(f"{level} · {label}", level)
            edit = named(text_edit(3), f"Descriptor for level {level}, {label}")
            edit.setPlaceholderText(f"What {label.lower()} looks like in practice")
            self.descriptor_edits[level] = edit
            # The scale's labels come from the framework file: plain text, '&' kept (the
            # row's label is the field's buddy, which would read one as a shortcut).
            self._form.addRow(plain_label(no_mnemonic(f"{level} · {label}:")), edit)

    def set_cadence_default(self, default: int | None) -> None:
        """Say what "no cadence of its own" means: the framework's default."""
        self.cadence.setSpecialValueText(
            f"framework default ({default} days)" if default else "framework default (none)"
        )
