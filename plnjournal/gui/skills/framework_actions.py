"""Importing and exporting a framework from the GUI: file dialogs, problem lists, a preview.

A bad file shows every problem (file, line, column) and changes nothing; importing over an
existing framework first shows what would change and asks. The file is read, checked and
written on the write worker (gui.tasks), so a journal locked by another program never freezes
the window; the problems and the preview are shown on the GUI thread when they are ready, and
the caller hears how it ended through ``on_done``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from plnjournal.core.frameworks.files import (
    SKILLS_ONLY,
    file_format,
    read_framework_file,
    write_framework_file,
)
from plnjournal.core.frameworks.spec import FrameworkSpec
from plnjournal.core.frameworks.sync import ImportSummary, import_framework, spec_from_framework
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import PlnError, ValidationError
from plnjournal.gui.plain import literal
from plnjournal.gui.tasks import Cancelled, ProgressFn, Task, run_in_background, show_error
from plnjournal.storage.db import Database

FILTERS = "Frameworks (*.csv *.json);;CSV spreadsheet (*.csv);;JSON (*.json)"
# What a programme publishes reads too: a spreadsheet, a Mahara SmartEvidence matrix, a CASE
# package (.json, told apart by its content).
IMPORT_FILTERS = (
    "Frameworks (*.csv *.json *.xlsx *.matrix);;CSV spreadsheet (*.csv);;Excel workbook "
    "(*.xlsx);;JSON or CASE package (*.json);;Mahara SmartEvidence (*.matrix)"
)
IMPORT_TITLE = "Import a skills framework"
EXPORT_TITLE = "Export the skills framework"

Done = Callable[[bool], None]


def show_problems(parent: QWidget | None, title: str, exc: Exception) -> None:
    """All problems of a refused file, one per line, and that nothing was changed."""
    problems = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the problems quote the file
    n = len(problems)
    box.setText(
        f"The file has {n} problem{'s' if n != 1 else ''}; nothing was imported.\n\n"
        + "\n".join(problems[:12])
        + (f"\n… and {n - 12} more (see Show Details)" if n > 12 else "")
    )
    if n > 12:
        box.setDetailedText("\n".join(problems))
    box.exec()


@dataclass(frozen=True)
class _Checked:
    """The worker's answer: the file read and checked against the journal."""

    spec: FrameworkSpec
    skills_only: bool
    over: str  # the name of the framework it would merge into ("" when none)
    preview: ImportSummary
    written: bool  # imported already: nothing to ask (a first framework, or no confirming)


def _check(db: Database, path: str, *, write: bool, progress: ProgressFn) -> _Checked:
    """Read ``path`` and import it in a transaction that is kept when ``write`` or when there
    is no framework yet (nothing to ask about), else rolled back: a dry run for the preview."""
    fmt = file_format(path, what="framework")
    with db.session() as session:
        fw = active_framework(session)
        over = fw.name if fw else ""
        scale = [(lv.level, lv.label) for lv in fw.levels] if fw and fmt in SKILLS_ONLY else None
        spec = read_framework_file(path, scale=scale)
        preview = import_framework(session, spec, skills_only=fmt in SKILLS_ONLY, file=path)
        write = write or preview.installed
        if not write:
            session.rollback()  # a dry run: nothing written yet
        progress(0, 0, "")  # a Cancel pressed meanwhile rolls the import back
    return _Checked(spec, fmt in SKILLS_ONLY, over, preview, write)


def _write(db: Database, path: str, checked: _Checked, progress: ProgressFn) -> None:
    with db.session() as session:
        import_framework(session, checked.spec, skills_only=checked.skills_only, file=path)
        progress(0, 0, "")  # a Cancel pressed meanwhile rolls the import back


def _failed(parent: QWidget | None, exc: BaseException, on_done: Done | None) -> None:
    """Problems of the file listed, our errors said, a bug reported; the caller told."""
    if isinstance(exc, ValidationError):
        show_problems(parent, IMPORT_TITLE, exc)
    elif isinstance(exc, PlnError) and not isinstance(exc, Cancelled):
        QMessageBox.warning(parent, IMPORT_TITLE, literal(exc.message))
    else:
        show_error(parent, exc, IMPORT_TITLE)
    if on_done is not None:
        on_done(False)


def import_framework_file(
    parent: QWidget | None,
    db: Database,
    path: str,
    *,
    confirm: bool = True,
    on_done: Done | None = None,
) -> Task:
    """Import ``path`` in the background; ``on_done(True)`` once something was imported,
    ``on_done(False)`` when the file was refused, the user said no, or it failed."""

    def finished(imported: bool) -> None:
        if on_done is not None:
            on_done(imported)

    def checked(result: _Checked) -> None:
        if result.written:
            finished(True)
            return
        lines = result.preview.lines() or ["Nothing would change."]
        answer = QMessageBox.question(
            parent,
            IMPORT_TITLE,
            literal(  # the framework's and the file's names, the skills' names
                f"Importing {Path(path).name} over “{result.over}” would make these "
                "changes. Ratings and reflections are all kept.\n\n• " + "\n• ".join(lines)
            ),
            QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Apply:
            finished(False)
            return
        run_in_background(
            parent,
            lambda progress: _write(db, path, result, progress),
            on_success=lambda _r: finished(True),
            on_failure=lambda exc: _failed(parent, exc, on_done),
            progress_label="Importing the framework…",
            writes=True,
        )

    return run_in_background(
        parent,
        lambda progress: _check(db, path, write=not confirm, progress=progress),
        on_success=checked,
        on_failure=lambda exc: _failed(parent, exc, on_done),
        progress_label=f"Reading {Path(path).name}…",
        writes=True,  # the dry run writes inside its transaction: it waits for the lock
    )


def ask_import(parent: QWidget | None, db: Database, on_done: Done | None = None) -> Task | None:
    """Ask for a framework file and import it; ``on_done(True)`` once the framework changed.
    None when no file was chosen (``on_done`` is not called)."""
    path, _ = QFileDialog.getOpenFileName(parent, IMPORT_TITLE, "", IMPORT_FILTERS)
    return import_framework_file(parent, db, path, on_done=on_done) if path else None


def _export(db: Database, path: str) -> None:
    with db.session() as session:
        spec = spec_from_framework(session)
    write_framework_file(path, spec)


def ask_export(parent: QWidget | None, db: Database, on_done: Done | None = None) -> Task | None:
    """Ask where to write the framework (JSON or CSV) and write it in the background;
    ``on_done(True)`` once written, ``on_done(False)`` if it failed. None when no file was
    chosen."""
    path, chosen = QFileDialog.getSaveFileName(parent, EXPORT_TITLE, "framework.json", FILTERS)
    if not path:
        return None
    if not Path(path).suffix:
        path += ".csv" if "CSV" in chosen else ".json"

    def failed(exc: BaseException) -> None:
        if isinstance(exc, PlnError):
            QMessageBox.warning(parent, EXPORT_TITLE, literal(exc.message))
        else:
            show_error(parent, exc, EXPORT_TITLE)
        if on_done is not None:
            on_done(False)

    return run_in_background(
        parent,
        lambda _p: _export(db, path),
        on_success=lambda _r: on_done(True) if on_done is not None else None,
        on_failure=failed,
    )
