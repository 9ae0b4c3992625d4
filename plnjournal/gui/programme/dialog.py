"""File ▸ Programme…: join a programme's server, choose what else is shared, sync now, leave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from plnjournal.gui import tasks
from plnjournal.gui.plain import literal, plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.programme import connection, joining, state

if TYPE_CHECKING:
    from plnjournal.gui.programme.feature import ProgrammeLink
    from plnjournal.gui.shell.main_window import MainWindow

INTRO = (
    "Share the reflections you choose with your training programme's mentors, and receive "
    "their feedback, comments and sign-offs here. Your journal stays on this computer; "
    "private reflections are never shared."
)


class ProgrammeDialog(QDialog):
    """Joining, the optional sharing, sync now, leaving."""

    def __init__(self, window: MainWindow, link: ProgrammeLink) -> None:
        super().__init__(window)
        self.setWindowTitle("Programme")
        self.setObjectName("programmeDialog")
        self.main = window
        self.link = link
        intro = plain_label(INTRO)
        intro.setWordWrap(True)
        self.status = plain_label()
        self.status.setObjectName("programmeDialogStatus")
        self.status.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setPlaceholderText("postgresql://you@server.example/programme")
        self.address.setAccessibleName("Server address")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.connect_button = QPushButton("Connect")
        self.connect_button.clicked.connect(self._connect)
        form = QFormLayout()
        form.addRow("Server address", self.address)
        form.addRow("Password", self.password)
        self.ratings = QCheckBox("Also share my self-ratings")
        self.avoidance = QCheckBox(
            "Also share which skills I most avoid (never from private reflections)"
        )
        for box in (self.ratings, self.avoidance):
            box.clicked.connect(self._sharing_changed)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.clicked.connect(self._sync)
        self.leave_button = QPushButton("Disconnect")
        self.leave_button.clicked.connect(self._leave)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.sync_button)
        row.addWidget(self.leave_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.status):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.ratings)
        layout.addWidget(self.avoidance)
        layout.addStretch(1)
        layout.addWidget(buttons)
        remember_geometry(self, "programme", (560, 340))
        self.show_state()

    def show_state(self) -> None:
        """Fill the dialog from what the window knows of the programme."""
        st = self.link.state
        connected = st is not None and st.connected
        if connected and st is not None and st.address:
            self.status.setText(
                f"Connected to {connection.describe(st.address)}. {self.link.status_text()}."
            )
            self.address.setText(st.address)
            self.ratings.setChecked(st.share_ratings)
            self.avoidance.setChecked(st.share_avoidance)
        else:
            self.status.setText("Not connected to a programme.")
        for widget in (self.sync_button, self.leave_button, self.ratings, self.avoidance):
            widget.setEnabled(connected)

    def _connect(self) -> None:
        server, password = self.address.text().strip(), self.password.text()
        if not server:
            QMessageBox.warning(self, "Programme", "Type the address your programme gave you.")
            return
        self.connect_button.setEnabled(False)
        self.status.setText("Connecting…")
        tasks.run_in_background(
            self,
            lambda _p: joining.join(self.main.db, server, password or None),
            on_success=self._joined,
            on_failure=self._join_failed,
            writes=True,
        )

    def _joined(self, joined: joining.Joined) -> None:
        self.connect_button.setEnabled(True)
        self.link.password = None if joined.in_keyring else (self.password.text() or None)
        self.password.clear()
        self.link.read_state(sync=True)
        self.status.setText(f"Connected to {joined.programme}. Syncing…")
        for widget in (self.sync_button, self.leave_button, self.ratings, self.avoidance):
            widget.setEnabled(True)

    def _join_failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.show_state()
        if isinstance(exc, connection.Offline):
            QMessageBox.warning(self, "Programme", literal(f"Cannot reach the server: {exc}"))
        else:
            tasks.show_error(self, exc, "Programme")

    def _sharing_changed(self) -> None:
        ratings, avoidance = self.ratings.isChecked(), self.avoidance.isChecked()
        tasks.run_in_background(
            self,
            lambda _p: state.set_optional_sharing(
                self.main.db, ratings=ratings, avoidance=avoidance
            ),
            on_success=lambda _r: self.link.sync_now(),
            writes=True,
        )

    def _sync(self) -> None:
        if self.password.text():
            self.link.password = self.password.text()
        self.link.sync_now()
        self.status.setText(self.link.status_text())

    def _leave(self) -> None:
        tasks.run_in_background(
            self,
            lambda _p: joining.leave(self.main.db),
            on_success=lambda _a: self._left(),
            writes=True,
        )

    def _left(self) -> None:
        self.link.password = None
        self.link.result = None
        self.link.read_state()
        self.status.setText(
            "Disconnected. What you shared stays on the server until you unshare it."
        )
        for widget in (self.sync_button, self.leave_button, self.ratings, self.avoidance):
            widget.setEnabled(False)
