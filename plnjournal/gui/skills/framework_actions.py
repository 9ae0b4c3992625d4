"""Importing and exporting a framework from the GUI: file dialogs, problem lists, a preview.

A bad file shows every problem (file, line, column) and changes nothing; importing over an
existing framework first shows what would change and asks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from plnjournal.core.frameworks.files import file_format, read_framework_file, write_framework_file
from plnjournal.core.frameworks.sync import import_framework, spec_from_framework
from plnjournal.core.skills.lookup import active_framework
from plnjournal.errors import PlnError, ValidationError
from plnjournal.storage.db import Database

FILTERS = "Frameworks (*.csv *.json);;CSV spreadsheet (*.csv);;JSON (*.json)"


def show_problems(parent: QWidget | None, title: str, exc: Exception) -> None:
    """All problems of a refused file, one per line, and that nothing was changed."""
    problems = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    n = len(problems)
    box.setText(
        f"The file has {n} problem{'s' if n != 1 else ''}; nothing was imported.\n\n"
        + "\n".join(problems[:12])
        + (f"\n… and {n - 12} more (see Show Details)" if n > 12 else "")
    )
    if n > 12:
        box.setDetailedText("\n".join(problems))
    box.exec()


def import_framework_file(
    parent: QWidget | None, db: Database, path: str, *, confirm: bool = True
) -> bool:
    """Import ``path``; True when something was imported."""
    title = "Import a skills framework"
    try:
        fmt = file_format(path, what="framework")
        with db.session() as session:
            fw = active_framework(session)
            scale = [(lv.level, lv.label) for lv in fw.levels] if fw and fmt == "csv" else None
            spec = read_framework_file(path, scale=scale)
            preview = import_framework(session, spec, skills_only=fmt == "csv", file=path)
            session.rollback()  # a dry run: nothing written yet
        if confirm and not preview.installed:
            lines = preview.lines() or ["Nothing would change."]
            answer = QMessageBox.question(
                parent,
                title,
                f"Importing {Path(path).name} over “{fw.name if fw else ''}” would make these "
                "changes. Ratings and reflections are all kept.\n\n• " + "\n• ".join(lines),
                QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Apply:
                return False
        with db.session() as session:
            import_framework(session, spec, skills_only=fmt == "csv", file=path)
    except ValidationError as exc:
        show_problems(parent, title, exc)
        return False
    except PlnError as exc:
        QMessageBox.warning(parent, title, exc.message)
        return False
    return True


def ask_import(parent: QWidget | None, db: Database) -> bool:
    """Ask for a framework file and import it; True when the framework changed."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import a skills framework", "", FILTERS)
    return bool(path) and import_framework_file(parent, db, path)


def ask_export(parent: QWidget | None, db: Database) -> bool:
    """Ask where to write the framework (JSON or CSV); True when it was written."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export the skills framework", "framework.json", FILTERS
    )
    if not path:
        return False
    if not Path(path).suffix:
        path += ".csv" if "CSV" in chosen else ".json"
    try:
        with db.session() as session:
            spec = spec_from_framework(session)
        write_framework_file(path, spec)
    except PlnError as exc:
        QMessageBox.warning(parent, "Export the skills framework", exc.message)
        return False
    return True
