"""Hostile text for the window: strings that are markup, a FIFO that tells whether Qt opened
the file an ``<img src>`` names, a journal full of both, and a walk that finds any widget
showing such text through Qt's rich-text guess."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtGui import Qt  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from plnjournal.gui.html_delegate import HTML_ROLE
from plnjournal.report_pdf.closed_document import ClosedDocument

MARK = "ZQX"  # in every hostile string: a widget whose text holds it shows data text


def hostile_strings(bait: Path) -> tuple[str, str]:
    """The issue's spoof (an image naming ``bait``, huge bold words) and an entity/tag pair."""
    spoof = f'<img src="{bait}"><b><font size=7>ALL GOOD {MARK}</font></b>'
    return spoof, f"&amp;<i>{MARK}</i>"


# The watcher runs in its own process: a Qt call blocked in open() may hold the GIL, and a
# thread of this process could then never let it go.
_WATCHER = """
import errno, os, sys, time
path, count = sys.argv[1], sys.argv[2]
opened = 0
while True:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        time.sleep(0.002)
        continue
    opened += 1
    with open(count, "w") as f:
        f.write(str(opened))
    os.close(fd)
    time.sleep(0.05)
"""


class FifoBait:
    """A FIFO at the path an ``<img src>`` names: whoever opens it for reading is seen (a
    writer can then open it without blocking) and is let go at once (the writer closes, the
    reader reads nothing). A rich-text label would block on it for ever without the writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._count = path.with_name(path.name + ".opened")
        os.mkfifo(path, 0o600)
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCHER, str(path), str(self._count)]
        )

    @property
    def opened(self) -> int:
        """How many times the FIFO was opened for reading so far."""
        return int(self._count.read_text()) if self._count.exists() else 0

    def close(self) -> None:
        self._watcher.kill()
        self._watcher.wait()


def hostile_framework(spoof: str, tagged: str) -> dict[str, object]:
    """A framework file whose every name and text is hostile."""
    levels = [spoof, tagged, f"plain {MARK}", spoof, tagged]
    return {
        "format": "plnjournal-framework",
        "version": 1,
        "name": spoof,
        "description": tagged,
        "scale": [
            {"level": 1, "label": tagged},
            {"level": 2, "label": spoof},
            {"level": 3, "label": "Competent"},
            {"level": 4, "label": "Proficient"},
            {"level": 5, "label": "Expert"},
        ],
        "areas": [
            {
                "name": spoof,
                "description": tagged,
                "skills": [
                    {
                        "code": "H1",
                        "name": spoof,
                        "description": tagged,
                        "target_level": 3,
                        "levels": levels,
                    },
                    {
                        "code": "H2",
                        "name": tagged,
                        "description": spoof,
                        "target_level": 4,
                        "levels": levels,
                    },
                ],
            },
            {
                "name": tagged,
                "description": spoof,
                "skills": [
                    {
                        "code": "H3",
                        "name": f"{tagged} {spoof}",
                        "description": spoof,
                        "target_level": 3,
                    }
                ],
            },
        ],
    }


def feedback_csv(spoof: str, tagged: str, day: dt.date) -> str:
    """A mentor's file: hostile names and comments, on hostile skills."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "mentor", "skill", "rating", "comment"])
    writer.writerow([day.isoformat(), spoof, "H1", 2, spoof])
    writer.writerow([day.isoformat(), tagged, "H2", 4, tagged])
    writer.writerow([day.isoformat(), spoof, "H3", 1, f"You keep avoiding this. {tagged}"])
    return out.getvalue()


def build_hostile_journal(db, tmp_path: Path, spoof: str, tagged: str, today: dt.date) -> Path:
    """Fill ``db`` through the core: the hostile framework, reflections with hostile titles,
    bodies and tags linked to its skills, mentor feedback; return the feedback file."""
    from plnjournal.core.feedback.importer import import_feedback
    from plnjournal.core.frameworks.spec import install_framework, spec_from_dict
    from plnjournal.core.journal.entries import add_entry
    from plnjournal.storage.models import Skill

    with db.session() as s:
        install_framework(s, spec_from_dict(hostile_framework(spoof, tagged), "hostile.json"))
    with db.session() as s:
        ids = {sk.code: sk.id for sk in s.query(Skill)}
        for back in range(0, 40, 6):
            add_entry(
                s,
                entry_date=today - dt.timedelta(days=back),
                title=spoof if back % 12 == 0 else tagged,
                body=f"{tagged}\n\n{spoof}\n\nNow what? I will try {tagged}.",
                tags=[spoof, tagged],
                skills={ids["H1"]: 2, ids["H2"]: None},
            )
    path = tmp_path / "mentor.csv"
    path.write_text(feedback_csv(spoof, tagged, today - dt.timedelta(days=3)), encoding="utf-8")
    result = import_feedback(db, [path])
    assert not result.errors, result.errors
    return path


def hostile_reflection_model(folder: Path, spoof: str, tagged: str) -> None:
    """A user's reflection model file with hostile names and prompts."""
    folder.mkdir(parents=True, exist_ok=True)
    model = {
        "format": "plnjournal-reflection-model",
        "version": 1,
        "id": "hostile",
        "name": spoof,
        "description": tagged,
        "sections": [{"heading": spoof, "prompts": [tagged]}],
    }
    (folder / "hostile.json").write_text(json.dumps(model), encoding="utf-8")


# --- the walk ---------------------------------------------------------------------------------


def _raw_markup(text: str) -> bool:
    """The hostile strings' markup, unescaped."""
    return "<img" in text.lower() or f"<i>{MARK}" in text or "<font" in text.lower()


def _tooltip_problem(where: str, tip: str) -> str | None:
    if MARK in tip and Qt.mightBeRichText(tip) and _raw_markup(tip):
        return f"{where}: tooltip shows data as HTML: {tip[:120]!r}"
    return None


def _mnemonic_problem(where: str, text: str) -> str | None:
    """A button's or group box's data text must double every '&' (else one is a shortcut)."""
    if MARK in text and "&" in text.replace("&&", ""):
        return f"{where}: '&' in data text makes a shortcut: {text[:120]!r}"
    return None


def label_problem(where: str, label: QLabel) -> str | None:
    """A label with data text must be plain text, or rich text with the data escaped."""
    text = label.text()
    if MARK not in text:
        return None
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText:
        return None
    if fmt == Qt.TextFormat.RichText and not _raw_markup(text):
        return None
    return f"{where}: {fmt.name} label shows data text: {text[:120]!r}"


def message_box_problem(where: str, box: QMessageBox) -> str | None:
    """A message box's text (the static functions' AutoText included) must show as written:
    plain text, or escaped HTML wherever Qt will read it as HTML."""
    fmt = box.textFormat()
    for text in (box.text(), box.informativeText()):
        if MARK not in text or fmt == Qt.TextFormat.PlainText:
            continue
        rich = fmt == Qt.TextFormat.RichText or Qt.mightBeRichText(text)
        if rich and _raw_markup(text):
            return f"{where}: message box ({fmt.name}) shows data text: {text[:120]!r}"
    return None


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (its columnCount is private to PySide)
        return 1


def _model_problems(where: str, model: QAbstractItemModel, budget: int = 4000) -> list[str]:
    problems: list[str] = []
    stack = [QModelIndex()]
    seen = 0
    while stack and seen < budget:
        parent = stack.pop()
        for r in range(model.rowCount(parent)):
            for c in range(max(1, _columns(model, parent))):
                index = model.index(r, c, parent)
                seen += 1
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and (p := _tooltip_problem(f"{where}[{r},{c}]", tip)):
                    problems.append(p)
                html = model.data(index, HTML_ROLE)
                if isinstance(html, str) and MARK in html and _raw_markup(html):
                    problems.append(f"{where}[{r},{c}]: item HTML not escaped: {html[:120]!r}")
            first = model.index(r, 0, parent)
            if model.rowCount(first):
                stack.append(first)
    for section in range(_columns(model, QModelIndex())):
        tip = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if isinstance(tip, str) and (p := _tooltip_problem(f"{where} header {section}", tip)):
            problems.append(p)
    return problems


def _name(widget: QWidget) -> str:
    window = widget.window()
    title = window.windowTitle() if window is not None else ""
    return f"{title or type(window).__name__} › {type(widget).__name__}"


def walk_problems(roots: list[QWidget] | None = None) -> tuple[list[str], int]:
    """Every way a widget under ``roots`` (default: every top-level widget) shows data text
    through the rich-text guess; and how many widgets held data text at all."""
    roots = roots if roots is not None else QApplication.topLevelWidgets()
    problems: list[str] = []
    holding = 0
    widgets: list[QWidget] = []
    for root in roots:
        widgets.append(root)
        widgets.extend(root.findChildren(QWidget))
    models: dict[int, tuple[str, QAbstractItemModel]] = {}
    for w in widgets:
        where = _name(w)
        found: list[str | None] = []
        if isinstance(w, QMessageBox):
            found.append(message_box_problem(where, w))
        elif isinstance(w, QLabel):
            holding += MARK in w.text()
            found.append(label_problem(where, w))
            if w.buddy() is not None:  # a buddy's label reads '&' as a shortcut
                found.append(_mnemonic_problem(f"{where} (with a buddy)", w.text()))
        if isinstance(w, QTextBrowser) and not isinstance(w.document(), ClosedDocument):
            found.append(f"{where}: a browser whose document may load files")
        if isinstance(w, QAbstractButton):
            holding += MARK in w.text()
            found.append(_mnemonic_problem(where, w.text()))
        if isinstance(w, QGroupBox):
            found.append(_mnemonic_problem(where, w.title()))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                found.append(_mnemonic_problem(where, w.tabText(i)))
                found.append(_tooltip_problem(where, w.tabToolTip(i)))
        for action in w.actions():
            found.append(_mnemonic_problem(f"{where} action", action.text()))
            found.append(_tooltip_problem(f"{where} action", action.toolTip()))
        holding += MARK in w.toolTip()
        found.append(_tooltip_problem(where, w.toolTip()))
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            models[id(w.model())] = (where, w.model())
        problems.extend(p for p in found if p)
    for where, model in models.values():
        problems.extend(_model_problems(where, model))
    return problems, holding
