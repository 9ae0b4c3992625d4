"""The mentor window: the mentor's trainees with what waits for each, a trainee's pane (what
they shared, asked for, rated low and keep avoiding), and the actions to answer; for a lead,
the cohort's coverage too. Every server call runs off the GUI thread; the mentor needs no
journal of their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from plnjournal.gui.mentor import page
from plnjournal.gui.mentor.coverage import CoverageTab
from plnjournal.gui.mentor.dialogs import WriteDialog, Written
from plnjournal.gui.plain import close_browser, open_safe_link, plain_label, set_plain
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.tasks import run_in_background, show_error
from plnjournal.gui.theme import make_primary
from plnjournal.programme import mentor, mentor_write
from plnjournal.programme.connection import PasswordNeeded, describe
from plnjournal.programme.login import ServerSession

REFRESH_MS = 5 * 60 * 1000  # the list is read again every few minutes while open
ROLE_LOGIN = Qt.ItemDataRole.UserRole

if TYPE_CHECKING:
    import psycopg

    Conn = psycopg.Connection[Any]


@dataclass
class Start:
    """What the window reads first: who is logged in, the trainees."""

    me: mentor.Person
    trainees: list[mentor.TraineeSummary]


def _start(conn: Conn) -> Start:
    return Start(mentor.require_mentor(conn), mentor.trainees(conn))


class MentorWindow(QMainWindow):
    """The mentor's window on the programme's server."""

    loaded = Signal()  # the trainee list arrived
    trainee_shown = Signal(str)  # a trainee's pane arrived (their login)
    written = Signal(str)  # something the mentor wrote reached the server (its kind)

    def __init__(self, session: ServerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.start: Start | None = None
        self.view: mentor.TraineeView | None = None
        self.setWindowTitle("PLN Journal: mentoring")
        remember_geometry(self, "mentorWindow", (1024, 600))
        self.list = QListWidget()
        self.list.setObjectName("trainees")
        self.list.setAccessibleName("Your trainees")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.currentItemChanged.connect(self._chosen)
        self.heading = plain_label("Reading your trainees…")
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.browser = close_browser(QTextBrowser())
        self.browser.setObjectName("traineePage")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(open_safe_link)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for kind, label in (("feedback", "Write feedback…"), ("comment", "Comment…"),
                            ("sign-off", "Sign off…")):  # fmt: skip
            button = QPushButton(label)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, k=kind: self.write(k))
            self.buttons[kind] = button
            if kind == "feedback":  # what the window is for
                make_primary(button)
            actions.addWidget(button)
        actions.addStretch(1)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        actions.addWidget(self.refresh_button)
        pane = QWidget()
        right = QVBoxLayout(pane)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.browser, 1)
        right.addLayout(actions)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.list, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(pane)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 724])
        self.tabs = QTabWidget()
        self.tabs.addTab(split, "My trainees")
        self.coverage: CoverageTab | None = None
        self.setCentralWidget(self.tabs)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # --- reading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read who is logged in and the trainee list."""
        run_in_background(
            self,
            lambda _p: self.session.run(_start),
            on_success=self._started,
            on_failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PasswordNeeded) and self.ask_password():
            self.refresh()
            return
        set_plain(self.heading, f"Could not reach the server: {exc}")
        self.statusBar().showMessage("Waiting for the server; Refresh to try again.")

    def ask_password(self) -> bool:
        """Ask for the password the server wants (kept for this window only)."""
        text, ok = QInputDialog.getText(
            self,
            "Password",
            f"Password for {describe(self.session.address)}:",
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            self.session.password = text
        return bool(ok and text)

    def _started(self, start: Start) -> None:
        self.start = start
        me = start.me
        self.setWindowTitle(f"PLN Journal: {me.programme}, {me.name}")
        count = len(start.trainees)
        set_plain(
            self.heading,
            f"{me.name}: {count} trainee{'s' if count != 1 else ''}"
            if count or me.kind == "mentor"
            else f"{me.name}: no trainees of your own",
        )
        if me.kind == "lead" and self.coverage is None:
            self.coverage = CoverageTab(self.session)
            self.tabs.addTab(self.coverage, "Cohort coverage")
            if not start.trainees:
                self.tabs.setCurrentWidget(self.coverage)
        if self.coverage is not None:
            self.coverage.refresh()
        current = self.list.currentItem()
        keep = current.data(ROLE_LOGIN) if current else None
        self.list.blockSignals(True)
        self.list.clear()
        for t in start.trainees:
            item = QListWidgetItem(f"{t.name}\n{page.badges(t)}")  # shown as written
            item.setData(ROLE_LOGIN, t.login)
            font = item.font()
            font.setBold(bool(t.unread or t.open_requests))
            item.setFont(font)
            self.list.addItem(item)
            if t.login == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not start.trainees:
            self.browser.setHtml("<p>No trainees are assigned to you yet.</p>")
        elif self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.statusBar().showMessage(f"Up to date with {me.programme}.", 5000)
        self.loaded.emit()

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.show_trainee(str(item.data(ROLE_LOGIN)))

    def show_trainee(self, login: str) -> None:
        """Read the trainee's pane, then mark what it shows as read."""

        def read(conn: Conn) -> mentor.TraineeView:
            view = mentor.trainee_view(conn, login)
            unread = [(r.uuid, r.version) for r in view.reflections if not r.read]
            mentor.mark_read(conn, unread)
            return view

        for button in self.buttons.values():
            button.setEnabled(False)
        run_in_background(
            self,
            lambda _p: self.session.run(read),
            on_success=self._shown,
            on_failure=self._failed,
        )

    def _shown(self, view: mentor.TraineeView) -> None:
        self.view = view
        self.browser.setHtml(page.trainee_page(view))
        for kind, button in self.buttons.items():
            button.setEnabled(kind != "comment" or bool(view.reflections))
        item = self.list.currentItem()
        if item is not None and item.data(ROLE_LOGIN) == view.login and self.start:
            for t in self.start.trainees:
                if t.login == view.login:
                    t.unread = 0
                    item.setText(f"{t.name}\n{page.badges(t)}")
                    font = item.font()
                    font.setBold(bool(t.open_requests))
                    item.setFont(font)
        self.trainee_shown.emit(view.login)

    # --- writing ---------------------------------------------------------------------

    def write(self, kind: str) -> None:
        """Ask for the words, then send them off the GUI thread."""
        if self.view is None or self.start is None:
            return
        dialog = WriteDialog(kind, self.view, self)
        if dialog.exec() != WriteDialog.DialogCode.Accepted:
            return
        self.send(self.view.login, dialog.written())

    def send(self, trainee: str, w: Written) -> None:
        """Write it to the server; the pane is read again once it is there."""

        def put(conn: Conn) -> str:
            if w.kind == "feedback":
                return mentor_write.write_feedback(conn, trainee, w.skill, w.level, w.text)
            if w.kind == "comment":
                return mentor_write.write_comment(conn, w.reflection, w.text)
            assert w.level is not None
            return mentor_write.sign_off(conn, trainee, w.skill, w.level, w.text)

        def done(_key: str) -> None:
            self.statusBar().showMessage("Written: they get it at their next sync.", 8000)
            self.written.emit(w.kind)
            self.refresh()

        run_in_background(
            self,
            lambda _p: self.session.run(put),
            on_success=done,
            on_failure=lambda exc: show_error(self, exc),
            writes=True,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the server connection with the window."""
        self.timer.stop()
        self.session.close()
        super().closeEvent(event)
