"""The first-start dialog: on a new, empty journal, choose how to begin.

Choices: a built-in framework, a framework file, an empty framework, or the demo journal.
Shown by ``run_gui`` before the main window when the journal has no framework, no entries
and the dialog has not been answered before. Given the journal's keys, it also offers to
encrypt the new journal (recommended), then shows the recovery key as a last step
(``gui/privacy/setup_step.py``); ``run_gui`` then opens the encrypted journal afresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plnjournal.core.demo import build_demo
from plnjournal.core.frameworks.spec import (
    FrameworkSpec,
    builtin_frameworks,
    install_framework,
    load_builtin,
)
from plnjournal.core.journal.days import FIRST_START_SETTING
from plnjournal.errors import PlnError
from plnjournal.gui.plain import literal, plain_label
from plnjournal.gui.prefs import remember_geometry
from plnjournal.gui.privacy.setup_step import EncryptionOffer, RecoveryKeyStep
from plnjournal.gui.skills.framework_actions import import_framework_file
from plnjournal.gui.tasks import ProgressFn, run_in_background, show_error
from plnjournal.gui.theme import make_primary
from plnjournal.storage.db import Database
from plnjournal.storage.models import Setting

if TYPE_CHECKING:  # for annotations only
    from sqlalchemy.orm import Session

    from plnjournal.gui.privacy.keys import JournalKeys

SETTING = FIRST_START_SETTING
BUILTIN, IMPORT, EMPTY, DEMO = range(4)
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 1  # a built-in framework's description


def confirm_new_journal(path: Path, why: str, parent: QWidget | None = None) -> bool:
    """Ask before making a journal whose name looks like a slip (``plnjournal --db stats``,
    the path forgotten): the file is named in full; only "Create" makes it."""
    box = new_journal_box(path, why, parent)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)


def new_journal_box(path: Path, why: str, parent: QWidget | None = None) -> QMessageBox:
    """The question of ``confirm_new_journal``, plain text throughout (a path is any text)."""
    box = QMessageBox(parent)
    box.setWindowTitle("PLN Journal")
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Start a new journal at {path.resolve()}?")
    box.setInformativeText(literal(why.removesuffix(" (nothing was created)")))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Create")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def mark_done(db: Database) -> None:
    """Remember that the first start was answered (it is not shown again)."""
    with db.session() as session:
        session.merge(Setting(key=SETTING, value=json.dumps(True)))


class FirstStartDialog(QDialog):
    """Welcome: how would you like to start?"""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, keys: JournalKeys | None = None
    ) -> None:
        super().__init__(parent)

        self.db = db
        self.keys = keys
        # The offer to encrypt, made when the keys are given (the window's start gives them).
        self.offer = EncryptionOffer() if keys is not None else None
        self.encrypted = False  # the journal was encrypted here: run_gui opens it again
        self._written = False  # the choice is in the journal (a failed encryption may follow)
        self.key_step: RecoveryKeyStep | None = None
        self.setWindowTitle("Welcome to PLN Journal")
        intro = QLabel(
            "<h2>Welcome to PLN Journal</h2>"
            "<p>Your reflections are linked to the skills of a <b>skills framework</b>: the "
            "skills you are growing into, grouped in areas, each with a target level. "
            "How would you like to start?</p>"
        )
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.options: dict[int, QRadioButton] = {}
        texts = {
            BUILTIN: "Use a built-in framework",
            IMPORT: "Import a framework from a file (.csv or .json)…",
            EMPTY: "Start with an empty framework and add my own skills",
            DEMO: "Load the demo journal: a new teacher's year of reflections, to look around",
        }
        self.frameworks = QListWidget()
        self.frameworks.setAccessibleName("Built-in frameworks")
        for fid, name in builtin_frameworks().items():
            spec = load_builtin(fid)
            item = QListWidgetItem(
                f"{name} — {len(spec.all_skills())} skills in {len(spec.areas)} areas"
            )
            item.setToolTip(literal(spec.description))
            item.setData(DESCRIPTION_ROLE, spec.description)
            item.setData(Qt.ItemDataRole.UserRole, fid)
            self.frameworks.addItem(item)
        self.frameworks.setCurrentRow(0)
        self.frameworks.setMaximumHeight(self.frameworks.sizeHintForRow(0) * 4 + 8)
        self.frameworks.itemDoubleClicked.connect(lambda _: self.accept())
        self.frameworks.currentItemChanged.connect(self._describe)
        self.description = plain_label()
        self.description.setWordWrap(True)
        first_page = QWidget()
        layout = QVBoxLayout(first_page)
        layout.setSpacing(8)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        for key, text in texts.items():
            radio = QRadioButton(text)
            self.group.addButton(radio, key)
            self.options[key] = radio
            layout.addWidget(radio)
            if key == BUILTIN:
                indented = QVBoxLayout()
                indented.setContentsMargins(24, 0, 0, 8)
                indented.addWidget(self.frameworks)
                indented.addWidget(self.description)
                layout.addLayout(indented)
        self.group.idToggled.connect(lambda *_: self._sync())
        self.options[BUILTIN].setChecked(True)
        where = plain_label(f"A new journal: {db.path.resolve()}")
        where.setWordWrap(True)
        where.setAccessibleName("The new journal's file")
        layout.insertWidget(1, where)
        note = QLabel("You can import, export and edit the framework later in the Skills menu.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        make_primary(buttons.button(QDialogButtonBox.StandardButton.Ok))
        buttons.accepted.connect(self.accept)
        layout.addStretch(1)
        layout.addWidget(note)
        if self.offer is not None:
            layout.addSpacing(8)
            layout.addWidget(self.offer)
        layout.addWidget(buttons)
        self.pages = QStackedWidget()
        self.pages.addWidget(first_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(self.pages)
        self._describe()
        # 560 high with the offer to encrypt: it still fits a 1024x600 screen
        remember_geometry(self, "first_start", (680, 540 if self.offer is None else 560))
        self.setMaximumWidth(900)  # a welcome, not a wall of empty space

    def _describe(self, *_args: object) -> None:
        item = self.frameworks.currentItem()
        self.description.setText(item.data(DESCRIPTION_ROLE) if item else "")

    def _sync(self) -> None:
        on = self.group.checkedId() == BUILTIN
        self.frameworks.setEnabled(on)
        self.description.setEnabled(on)

    def choice(self) -> int:
        """How the user chose to begin (BUILTIN, IMPORT, EMPTY or DEMO)."""
        return self.group.checkedId()

    def choose(self, choice: int, framework_id: str | None = None) -> None:
        """Select an option (and a built-in framework) as the user would."""
        self.options[choice].setChecked(True)
        if framework_id is not None:
            for i in range(self.frameworks.count()):
                if self.frameworks.item(i).data(Qt.ItemDataRole.UserRole) == framework_id:
                    self.frameworks.setCurrentRow(i)

    def accept(self) -> None:
        """Carry out the choice (writing in the background); the dialog closes only when it
        worked (and, when encrypting, once the recovery key has been shown)."""
        if self.key_step is not None:
            return  # the recovery key's own "Continue" closes the dialog
        if self.offer is not None and self.offer.problem():
            self.offer.first.setFocus()
            return
        if self._written:  # the choice is in; only the encryption failed before
            self._finish()
            return
        choice = self.choice()
        if choice == BUILTIN:
            fid = self.frameworks.currentItem().data(Qt.ItemDataRole.UserRole)
            self._write_then_accept(lambda session: install_framework(session, load_builtin(fid)))
        elif choice == EMPTY:
            spec = FrameworkSpec(name="My skills framework")
            self._write_then_accept(lambda session: install_framework(session, spec))
        elif choice == IMPORT:
            self._import_file()  # accepted once the file is in and the answer remembered
        elif choice == DEMO:
            self._load_demo()  # accepted when the demo is written

    def _write_then_accept(self, install: Callable[[Session], object] | None) -> None:
        """Install (if given) and remember the dialog was answered, on the write worker;
        accepted once written, else the error is said and the dialog stays."""
        db = self.db

        def write(_progress: object) -> None:
            if install is not None:
                with db.session() as session:
                    install(session)
            mark_done(db)

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            if isinstance(exc, PlnError):
                QMessageBox.warning(self, self.windowTitle(), literal(exc.message))
            else:
                show_error(self, exc)

        self.setEnabled(False)
        run_in_background(
            self, write, on_success=lambda _r: self._finish(), on_failure=failed, writes=True
        )

    def _import_file(self) -> None:
        """Ask for a file and import it on the write worker; then remember the answer and
        close, or, if the file was refused, stay with its problems said."""
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a skills framework", "", "Frameworks (*.csv *.json);;All files (*)"
        )
        if not path:
            return
        self.setEnabled(False)
        self.import_task = import_framework_file(
            self, self.db, path, confirm=False, on_done=self._imported
        )

    def _imported(self, imported: bool) -> None:
        if imported:
            self._write_then_accept(None)
        else:
            self.setEnabled(True)

    def _load_demo(self) -> None:
        db = self.db

        def build(progress: ProgressFn) -> object:
            progress(0, 0, "Writing a year of demo reflections…")
            with db.session() as session:
                summary = build_demo(session, years=1)
            mark_done(db)
            return summary

        def done(_summary: object) -> None:
            self._finish()

        self.setEnabled(False)
        self.demo_task = run_in_background(
            self,
            build,
            on_success=done,
            on_failure=self._demo_failed,
            progress_label="Loading the demo journal…",
            writes=True,
        )

    def _demo_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, exc)

    def _finish(self) -> None:
        """The choice is written: encrypt the journal if asked, else close."""
        self._written = True
        passphrase = self.offer.passphrase() if self.offer is not None else None
        if passphrase is None or self.keys is None:
            QDialog.accept(self)
            return
        keys, db = self.keys, self.db
        path = db.path

        def encrypt(progress: ProgressFn) -> str:
            progress(0, 0, "Encrypting the journal…")
            db.close()  # its connections are to the plain file being replaced
            return keys.encrypt(path, passphrase)

        self.setEnabled(False)
        self.encrypt_task = run_in_background(
            self,
            encrypt,
            on_success=self._show_recovery_key,
            on_failure=self._encrypt_failed,
            progress_label="Encrypting the journal…",
            writes=True,
        )

    def _show_recovery_key(self, key: str) -> None:
        self.encrypted = True
        self.setEnabled(True)
        if self.offer is not None:
            self.offer.forget()
        self.key_step = RecoveryKeyStep(key)
        self.key_step.done.connect(lambda: QDialog.accept(self))
        self.pages.addWidget(self.key_step)
        self.pages.setCurrentWidget(self.key_step)
        self.key_step.view.kept.setFocus()

    def _encrypt_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, exc, "The journal was not encrypted")

    def reject(self) -> None:
        """Closing opens the journal as it is, except while the recovery key is shown and not
        yet kept: it is shown only this once."""
        if self.key_step is not None and not self.key_step.view.confirmed():
            self.key_step.view.kept.setFocus()
            return
        super().reject()
