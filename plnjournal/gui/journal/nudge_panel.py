"""“Today's hard conversation”: the skill the user avoids most, why, and a pointed question.

The panel sits above the editor and never takes the keyboard focus from it: its buttons take
focus only by Tab, and refreshing it never moves the focus. A nudge worked out while the user
is already typing waits (``hold_back``) until they leave the reflection (``release``): the
panel appearing would push the text down under their cursor.

The nudge is worked out, and what the user does with it recorded, through the background
helper (``gui/tasks.py``): a journal locked by another program never freezes the window.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.escape import escape
from plnjournal.errors import PlnError
from plnjournal.gui.journal.calendar_panel import pick_date
from plnjournal.gui.reason_dialog import ask_reason
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.gui.theme import make_primary, panel_background
from plnjournal.lazy import lazy_module
from plnjournal.logs import log_exception
from plnjournal.storage.db import Database
from plnjournal.values import NudgeAction

if TYPE_CHECKING:
    from plnjournal.core.insights.nudges import HardConversation

# The panel is made on the GUI thread right after the first paint, while SQLAlchemy still
# loads on a worker (gui/shell/main_window.py, prepare_orm): the nudge service (SQLAlchemy)
# is named here and used once it has loaded, so the GUI thread never waits for that import.
nudges_service = lazy_module("plnjournal.core.insights.nudges")
# The icon set's Qt types (QIcon, QPixmap) cost the first paint (docs/performance.md, "Where
# the start-up deferrals are"); the panel itself is made after it.
icons = lazy_module("plnjournal.gui.icons")

SNOOZE_CHOICES = (("for 3 days", 3), ("for a week", 7), ("for two weeks", 14))


class NudgePanel(QFrame):
    """Today's hard conversation, if the avoidance model finds one: write, dismiss or snooze."""

    write_requested = Signal(object)  # HardConversation
    acted = Signal(str)  # what the user did, for the status bar
    updated = Signal()  # the nudge (or its absence) is on screen

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.nudge: HardConversation | None = None
        self._generation = 0
        self.hold_back: Callable[[], bool] = lambda: False
        self._held: tuple[HardConversation, dt.date, int] | None = None
        self.setObjectName("hardConversation")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Today's hard conversation")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)  # a long skill name must not widen the editor column
        self.reason = QLabel()
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # mentor and user text: never markup
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why this skill")
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.question.setAccessibleName("The question")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setItalic(True)
        self.question.setFont(font)

        self.write_button = QPushButton("Write about it now")
        self.write_button.setAccessibleName("Write about it now")
        make_primary(self.write_button)  # what the panel is for; the others put it off
        icons.set_icon(self.write_button, "write")
        self.dismiss_button = QPushButton("Not today…")
        self.dismiss_button.setAccessibleName("Not today")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setAccessibleName("Snooze until a later day")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for label, days in SNOOZE_CHOICES:
            menu.addAction(label, functools.partial(self._snooze_for, days))
        menu.addAction("until a date…", self._snooze_until_date)
        self.snooze_button.setMenu(menu)
        for b in (self.write_button, self.dismiss_button, self.snooze_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # clicking never takes the editor's focus

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason)
        layout.addWidget(self.question)
        layout.addLayout(buttons)

        self.write_button.clicked.connect(self._write_now)
        self.dismiss_button.clicked.connect(lambda: self.dismiss())
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        """QWidget.paintEvent: a rounded panel in the current palette's colours."""
        # Painted from the current palette each time (no style sheet), so a switch between
        # light and dark is followed without bookkeeping.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(panel_background(self.palette()))
        painter.drawRoundedRect(self.rect(), 6, 6)

    def refresh(self) -> None:
        """Work out today's nudge off the GUI thread (the avoidance model reads the whole
        journal: never on the start path); shown when it lands."""
        today = self._today()
        db = self.db
        self._generation += 1
        generation = self._generation

        def compute(_progress: object) -> HardConversation | None:
            with db.session() as s:
                nudge: HardConversation | None = nudges_service.todays_hard_conversation(s, today)
                return nudge

        run_in_background(
            self,
            compute,
            on_success=lambda nudge: self._show(nudge, today, generation),
            on_failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        log_exception(exc)  # the journal works without its nudge; the log says why
        if shiboken6.isValid(self):
            self.hide()

    def release(self) -> None:
        """Show a nudge held back while the user was typing."""
        held, self._held = self._held, None
        if held is not None:
            self._show(*held, hold=False)

    def _show(
        self, nudge: HardConversation | None, today: dt.date, generation: int, *, hold: bool = True
    ) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the window closed, or a newer answer is on its way
        if hold and nudge is not None and self.isHidden() and self.hold_back():
            self._held = (nudge, today, generation)
            return
        if nudge is not None and nudge != self.nudge:
            self._write(nudge.skill_id, NudgeAction.SHOWN, today)
        self._set_buttons(True)
        self.nudge = nudge
        if nudge is None:
            self.hide()
        else:
            self.heading.setText(
                f"<b>Today's hard conversation:</b> {_escape(nudge.code)} · {_escape(nudge.name)}"
            )
            self.reason.setText(nudge.reason)
            self.question.setText(nudge.question)
            self.show()
        self.updated.emit()

    def _write(
        self,
        skill_id: int,
        action: NudgeAction,
        today: dt.date,
        then: Callable[[], None] | None = None,
        **kw: object,
    ) -> None:
        """Record ``action`` on the write worker; ``then`` once it has landed."""
        db = self.db

        def record(_progress: object) -> None:
            with db.session() as s:
                nudges_service.record_nudge(s, skill_id, action, today=today, **kw)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_buttons(True)
            if isinstance(exc, PlnError):
                self.acted.emit(exc.message)
            else:
                show_error(self, exc)

        done = None if then is None else (lambda _result: then())
        run_in_background(self, record, on_success=done, on_failure=failed, writes=True)

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.write_button, self.dismiss_button, self.snooze_button):
            button.setEnabled(enabled)

    def _record(self, action: NudgeAction, then: Callable[[], None], **kw: object) -> None:
        """Record what the user did with the nudge; then work it out again (acting on it
        ends today's nudge) and ``then``. The buttons wait until it is recorded."""
        if self.nudge is None:
            return

        def recorded() -> None:
            self.refresh()
            then()

        self._set_buttons(False)
        self._write(self.nudge.skill_id, action, self._today(), recorded, **kw)

    def _write_now(self) -> None:
        nudge = self.nudge
        if nudge is not None:

            def recorded() -> None:
                self.write_requested.emit(nudge)
                self.acted.emit(f"Writing about {nudge.code} {nudge.name}.")

            self._record(NudgeAction.WRITTEN, recorded)

    def dismiss(self, reason: str | None = None) -> None:
        """Not today (with an optional reason, asked for when not given)."""
        if self.nudge is None:
            return
        if reason is None:
            reason = ask_reason(
                self,
                "Not today",
                f"Skip “{self.nudge.name}” today? It will ask again tomorrow.",
                "Skip today",
                placeholder="Why not today? (optional, only for you)",
            )
            if reason is None:
                return
        self._record(
            NudgeAction.DISMISSED,
            lambda: self.acted.emit("Noted: not today. It will ask again tomorrow."),
            reason=reason,
        )

    def snooze(self, until: dt.date) -> None:
        """Leave this skill out of the nudges until ``until``."""
        self._record(
            NudgeAction.SNOOZED,
            lambda: self.acted.emit(f"Snoozed until {until:%A} {until.day} {until:%B}."),
            snooze_until=until,
        )

    def _snooze_for(self, days: int) -> None:
        self.snooze(self._today() + dt.timedelta(days=days))

    def _snooze_until_date(self) -> None:
        today = self._today()
        day = pick_date(
            self,
            "Snooze until",
            today + dt.timedelta(days=7),
            minimum=today + dt.timedelta(days=1),
            act="Snooze",
        )
        if day is not None:
            self.snooze(day)


def _escape(text: str) -> str:
    return escape(text)
