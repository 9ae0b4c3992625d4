"""What a mentor writes from the window: feedback on a skill (rating on the programme's scale
and a Markdown comment), a comment on a shared reflection, a skill signed off. Each dialog
only gathers the words; the window sends them off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.plain import plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.programme.mentor import TraineeView

NO_RATING = "No rating, a comment only"


@dataclass
class Written:
    """What the mentor wrote in a dialog."""

    kind: str  # feedback, comment, sign-off
    skill: str = ""
    level: int | None = None
    text: str = ""
    reflection: str = ""  # the reflection's server id (a comment)


def _skill_box(view: TraineeView, preferred: list[str]) -> QComboBox:
    """The skills: those the trainee asked about or rated low first, then the framework's."""
    box = QComboBox()
    box.setObjectName("skill")
    framework = view.framework
    seen: set[str] = set()
    codes = preferred + list(framework.skills) + sorted(view.skills)
    for code in codes:
        if code in seen or not code:
            continue
        seen.add(code)
        name = (
            framework.skills[code].name if code in framework.skills else view.skills.get(code, "")
        )
        box.addItem(f"{code} {name}".strip(), code)
    return box


def _preferred(view: TraineeView) -> list[str]:
    asked = [c for q in view.requests if q.open for c, _ in q.skills]
    return asked + [b.code for b in view.below_target]


def _text_box(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName("text")
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


class WriteDialog(QDialog):
    """One dialog for the three kinds: the fields each needs, and OK only once it is whole."""

    def __init__(
        self,
        kind: str,
        view: TraineeView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        titles = {"feedback": "Write feedback", "comment": "Comment on a reflection",
                  "sign-off": "Sign a skill off"}  # fmt: skip
        self.setWindowTitle(f"{titles[kind]} for {view.name}")
        remember_geometry(self, "mentorWriteDialog", (560, 420))
        form = QFormLayout()
        framework = view.framework  # theirs: their journal takes nothing off its scale
        self.skill = _skill_box(view, _preferred(view))
        self.level = QComboBox()
        self.level.setObjectName("level")
        self.reflection = QComboBox()
        self.reflection.setObjectName("reflection")
        if kind == "comment":
            for r in view.reflections:
                self.reflection.addItem(f"{r.entry_date.isoformat()}  {r.title}", r.uuid)
            form.addRow("Reflection:", self.reflection)
        else:
            form.addRow("Skill:", self.skill)
            if kind == "feedback":
                self.level.addItem(NO_RATING, None)
            for n, label in framework.scale:
                self.level.addItem(f"{n} {label}", n)
            form.addRow("Rating:" if kind == "feedback" else "Level:", self.level)
        placeholder = {
            "feedback": "What you saw, and what to try next (Markdown)",
            "comment": "Your comment (Markdown)",
            "sign-off": "What you saw that shows this level (Markdown)",
        }[kind]
        self.text = _text_box(placeholder)
        label = {"feedback": "Comment:", "comment": "Comment:", "sign-off": "Statement:"}[kind]
        text_label = plain_label(label)
        text_label.setBuddy(self.text)
        hint = plain_label("They get it at their next sync.")
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Send")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self.level.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        text = self.text.toPlainText().strip()
        if self.kind == "feedback":
            whole = bool(text) or self.level.currentData() is not None
        elif self.kind == "comment":
            whole = bool(text) and self.reflection.count() > 0
        else:
            whole = bool(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(whole)

    def written(self) -> Written:
        """What was written."""
        return Written(
            self.kind,
            skill=str(self.skill.currentData() or ""),
            level=self.level.currentData(),
            text=self.text.toPlainText().strip(),
            reflection=str(self.reflection.currentData() or ""),
        )
