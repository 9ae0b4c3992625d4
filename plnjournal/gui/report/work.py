"""The export dialog's work on the worker thread: its settings, gathering the report, the
preview's pages and the PDF. Nothing here touches a widget; the dialog hands in plain values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtGui import QImage

from plnjournal.core.journal.settings import OWNER_NAME, OWNER_ROLE, get_setting, set_setting
from plnjournal.core.report.content import Report, ReportOptions, build_report, default_period
from plnjournal.gui.report.page_preview import render_pages
from plnjournal.gui.tasks import ProgressFn
from plnjournal.report_pdf.writer import WrittenPdf, build_document, write_report_pdf
from plnjournal.storage.db import Database


def read_settings(db: Database) -> tuple[str, str, tuple[dt.date, dt.date]]:
    """What the dialog opens on: the saved cover (name, role) and the default period."""
    with db.session() as s:
        name = str(get_setting(s, OWNER_NAME, "") or "")
        role = str(get_setting(s, OWNER_ROLE, "") or "")
        return name, role, default_period(s)


def gather_report(
    db: Database, options: ReportOptions, cover: tuple[str, str] | None, progress: ProgressFn
) -> Report:
    """The report as chosen; ``cover`` is the name and role typed in the dialog, shown in the
    preview before they are saved."""
    with db.session() as s:
        report = build_report(s, options, progress)
    if cover is not None:
        report.cover = dataclasses.replace(report.cover, name=cover[0], role=cover[1])
    return report


def render_preview(
    db: Database,
    options: ReportOptions,
    paper: str,
    cover: tuple[str, str],
    progress: ProgressFn,
) -> tuple[list[QImage], dict[str, bytes]]:
    """The report's pages as images (2× for sharp text on high-DPI screens), and its charts,
    which the export reuses when nothing changed (drawing them is the slow part)."""
    report = gather_report(db, options, cover, progress)
    # Closed here, on the worker: only plain data (images, SVG bytes) goes to the GUI thread.
    with build_document(report, paper) as document:
        return render_pages(document), document.chart_svgs


def export_report(
    db: Database,
    options: ReportOptions,
    paper: str,
    changes: dict[str, str],
    path: Path,
    charts: dict[str, bytes] | None,
    progress: ProgressFn,
) -> WrittenPdf:
    """Save the cover's name and role if they changed (the next report starts from them),
    then write the PDF."""
    if changes:
        with db.session() as s:
            for key, value in changes.items():
                set_setting(s, key, value or None)
    report = gather_report(db, options, None, progress)
    return write_report_pdf(report, path, paper=paper, charts=charts, progress=progress)
