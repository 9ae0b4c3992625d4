"""A filled form as a PDF, through the report's engine (the same fonts, pages and
crash-safe write), with no cover: each account starts its own page."""

from __future__ import annotations

import os

from plnjournal.core.forms.fill import FilledForm
from plnjournal.core.forms.html import STYLE, form_html
from plnjournal.report_pdf.writer import (
    ReportDocument,
    WrittenPdf,
    checked_pdf_path,
    ensure_gui_app,
    render_pdf,
    save_pdf,
)


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
    path = checked_pdf_path(path)
    with build_form_document(form, paper) as document:  # its Qt objects die on this thread
        title = form.spec.title + (f" · {form.spec.subtitle}" if form.spec.subtitle else "")
        data = render_pdf(document, title=title)
        pages = document.page_count
    return save_pdf(path, data, pages)
