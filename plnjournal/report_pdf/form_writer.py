"""A filled form as a PDF, through the report's engine (the same fonts, pages and
crash-safe write), with no cover: each account starts its own page."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice

from plnjournal.core.forms.fill import FilledForm
from plnjournal.core.forms.html import STYLE, form_html
from plnjournal.errors import InputError, PlnError
from plnjournal.paths import write_whole
from plnjournal.report_pdf.writer import ReportDocument, WrittenPdf, ensure_gui_app


def build_form_document(form: FilledForm, paper: str = "a4") -> ReportDocument:
    """The form laid out and paginated, ready to paint or write."""
    ensure_gui_app()
    spec = form.spec
    header = (spec.title, spec.subtitle)
    return ReportDocument(form_html(form), style=STYLE, paper=paper, header=header, cover=False)


def write_form_pdf(
    form: FilledForm, path: str | os.PathLike[str], *, paper: str = "a4"
) -> WrittenPdf:
    """Write the form to ``path``: the old file or the whole new one, never half a PDF."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name ending in .pdf")
    with build_form_document(form, paper) as document:  # its Qt objects die on this thread
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        document.write_pdf(buffer, title=f"{form.spec.title} ({form.summary()})")
        data = bytes(buffer.data().data())
        buffer.close()
        pages = document.page_count
    if not data:
        raise PlnError(f"could not write {path}: the PDF came out empty")
    write_whole(path, data, what="the PDF")
    return WrittenPdf(path, pages)
