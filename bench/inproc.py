"""Measurements made inside the bench's own process, on one generated journal: search,
avoidance, each chart, the one-year PDF, importing mentor feedback and a jrnl journal.

Each function takes a ``Journal`` (the generated files and a scratch folder) and the number
of runs, and returns ``measure.Result``s; the first call of each is a warm-up. A feature that
is not in this version of PLN Journal is reported as skipped, with the reason.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from generate import TODAY
from measure import Result, repeat

WARMUP = 1  # calls before the measured ones (none in run.py --smoke)
SEARCH_WORD = "feedback"  # in most reflections: the costly case for ranking


@dataclass
class Journal:
    size: str  # the size's label: "10y", "100k"
    db: Path
    jrnl: Path
    feedback: Path
    scratch: Path
    today: dt.date = TODAY


class Skipped(Exception):
    """A measurement this version cannot make (the feature is not there yet)."""


def search_in_process(j: Journal, runs: int) -> list[Result]:
    from plnjournal.core.journal.search import search

    conn = sqlite3.connect(j.db)
    try:
        wall, cpu = repeat(lambda: search(conn, SEARCH_WORD, limit=20), runs, WARMUP)
    finally:
        conn.close()
    return [Result("search_in_process", j.size, wall, cpu)]


def avoidance(j: Journal, runs: int) -> list[Result]:
    """Scores for every active skill, warm (the window scores again after every change)."""
    from plnjournal.core.insights.avoidance import avoidance_scores
    from plnjournal.storage.db import open_database

    db = open_database(j.db)
    try:
        with db.session() as s:
            wall, cpu = repeat(lambda: avoidance_scores(s, j.today), runs, WARMUP)
    finally:
        db.close()
    return [Result("avoidance_all_skills", j.size, wall, cpu)]


def chart_kinds() -> tuple[str, ...]:
    if importlib.util.find_spec("plnjournal.core.insights.chart_data") is None:
        return ()
    from plnjournal.cli.args import CHART_KINDS

    return tuple(CHART_KINDS)


def charts(j: Journal, runs: int) -> list[Result]:
    """Each insight chart for the last year: data read, figure built, drawn to a PNG."""
    kinds = chart_kinds()
    if not kinds:
        raise Skipped(
            "the insight charts (plnjournal.core.insights.chart_data) are not in this version"
        )
    from plnjournal.core.charts.figures import render
    from plnjournal.core.insights.chart_data import make_chart
    from plnjournal.storage.db import open_database

    db = open_database(j.db)
    results = []
    try:
        for kind in kinds:
            out = j.scratch / f"chart-{kind}.png"

            def draw(kind: str = kind, out: Path = out) -> None:
                with db.session() as s:
                    fig = make_chart(s, kind, start=None, end=j.today, codes=None, today=j.today)
                render(fig, out)

            wall, cpu = repeat(draw, runs, WARMUP)
            results.append(Result(f"chart_{kind}", j.size, wall, cpu))
    finally:
        db.close()
    return results


def pdf_one_year(j: Journal, runs: int) -> list[Result]:
    """The progress report for the last year as the user makes it from the command line:
    ``plnjournal export-pdf`` in a fresh process (imports, Qt, charts, layout, writing), timed
    by bench/pdf_report.py's own function."""
    import pdf_report

    from plnjournal.storage.backup import copy_database

    if (j.today - dt.timedelta(days=364), j.today) != (pdf_report.START, pdf_report.TODAY):
        raise RuntimeError("bench/pdf_report.py's year is not the generated journal's last year")
    db = copy_database(j.db, j.scratch / "report.sqlite3")
    out = j.scratch / "report.pdf"
    wall, cpu = [], []
    for run in range(WARMUP + runs):  # the warm-up also makes the day's backup
        w, c = pdf_report.whole_command(db, out, "a4")
        if run >= WARMUP:
            wall.append(w)
            cpu.append(c)
    return [Result("pdf_one_year", j.size, wall, cpu)]


def feedback_import(j: Journal, runs: int) -> list[Result]:
    """Importing the 10,000-row feedback file into a fresh copy of the journal each run:
    read, check every row, write in one transaction (the backup before it is not counted:
    bench/backup.py measures backups)."""
    from plnjournal.core.feedback.importer import ImportOptions, apply_import, plan_import
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import open_database

    options = ImportOptions(today=j.today)
    copies = iter(range(runs + WARMUP))

    def fresh() -> Path:
        return copy_database(j.db, j.scratch / f"feedback-{next(copies)}.sqlite3")

    dbs = []

    def one(db) -> None:
        with db.session() as s:
            plan = plan_import(s, [j.feedback], options)
        if plan.errors:
            raise RuntimeError(f"feedback import failed: {plan.errors[:3]}")
        result = apply_import(db, plan, backup=False)
        if result.imported != plan.new_count or not result.imported:
            raise RuntimeError(f"feedback import wrote {result.imported} of {plan.new_count}")

    for _ in range(runs + WARMUP):
        dbs.append(open_database(fresh()))
    pending = iter(dbs)
    try:
        wall, cpu = repeat(lambda: one(next(pending)), runs, WARMUP)
    finally:
        for db in dbs:
            db.close()
    return [Result("feedback_import_10k", j.size, wall, cpu)]


def jrnl_import(j: Journal, runs: int) -> list[Result]:
    """Importing the journal's jrnl text into an empty journal with the same 40 skills."""
    from generate import forty_skills

    from plnjournal.core.frameworks.spec import install_framework
    from plnjournal.core.journal_io.importer import import_journal
    from plnjournal.storage.db import open_database

    template = j.scratch / "jrnl-import-template.sqlite3"
    db = open_database(template)
    with db.session() as s:
        install_framework(s, forty_skills())
    db.close()
    from plnjournal.storage.backup import copy_database

    dbs = [
        open_database(copy_database(template, j.scratch / f"jrnl-import-{i}.sqlite3"))
        for i in range(runs + WARMUP)
    ]
    pending = iter(dbs)

    def one() -> None:
        summary = import_journal(next(pending), j.jrnl)
        if summary["imported"] != entries:
            raise RuntimeError(f"jrnl import took {summary['imported']} of {entries} entries")

    entries = j.jrnl.read_text(encoding="utf-8").count("\n[") + 1
    try:
        wall, cpu = repeat(one, runs, WARMUP)
    finally:
        for db in dbs:
            db.close()
    return [Result("jrnl_import", j.size, wall, cpu)]


MEASURES = {
    "search_in_process": search_in_process,
    "avoidance_all_skills": avoidance,
    "charts": charts,
    "pdf_one_year": pdf_one_year,
    "feedback_import_10k": feedback_import,
    "jrnl_import": jrnl_import,
}
