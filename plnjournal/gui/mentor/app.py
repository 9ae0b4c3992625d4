"""Starting the mentor window: QApplication, the server's address (asked when none was
given), the window. No journal is opened: a mentor needs none."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QInputDialog

from plnjournal.gui import theme
from plnjournal.gui.mentor.window import MentorWindow
from plnjournal.gui.shell import app_identity
from plnjournal.programme.connection import split_password
from plnjournal.programme.login import ServerSession


def ask_address() -> tuple[str, str | None] | None:
    """The server's address, typed by the mentor (as their programme gave it); None: closed."""
    text, ok = QInputDialog.getText(
        None,
        "Your programme's server",
        "The address your programme gave you, e.g. postgresql://you@journal.school.example/ect",
    )
    if not ok or not text.strip():
        return None
    return split_password(text.strip())


def run_mentor_window(address: str | None, password: str | None = None) -> int:
    """Open the mentor window on ``address`` (asked for when None)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("PLN Journal")
    app.setOrganizationName("plnjournal")
    app_identity.apply_identity(app)
    theme.follow_system_scheme(app)
    theme.use_app_style(app)  # the journal window's look: primary button, no stock icons
    if address is None:
        asked = ask_address()
        if asked is None:
            return 0
        address, password = asked
    window = MentorWindow(ServerSession(address, password))
    app_identity.apply_window_icon(app)
    window.show()
    code: int = app.exec()
    return code
