"""The window opens light: ready for typing before SQLAlchemy, Alembic, matplotlib or the
avoidance model have loaded; the rest loads just after, and nothing typed meanwhile is lost."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY


@pytest.mark.slow
def test_the_window_is_ready_before_any_heavy_module_loads(demo_template: Path, tmp_path) -> None:
    """The real start (``python -m plnjournal``: one-instance guard, checked open, first-start
    check, window) on a journal with a year of reflections, up to the moment the editor is
    painted and focused (the bench hook reports then, and what was imported by then)."""
    from plnjournal.storage.backup import copy_database

    path = copy_database(demo_template, tmp_path / "journal.sqlite3")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLNJOURNAL_")}
    env |= {
        "PLNJOURNAL_HOME": str(tmp_path / "home"),
        "PLNJOURNAL_BENCH_READY": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r"PLNJOURNAL_BENCH_READY \S+ cpu=\S+ maxrss_kb=\d+ heavy=(\S*)", done.stdout)
    assert found, done.stdout + done.stderr[-2000:]
    assert found.group(1) == "", f"loaded before the window was ready: {found.group(1)}"
    assert done.returncode == 0


@pytest.mark.slow
def test_opening_an_up_to_date_journal_needs_no_sqlalchemy(db_path: Path) -> None:
    from plnjournal.storage.db import open_database

    open_database(db_path).close()  # created and migrated: SQLAlchemy and Alembic used
    code = (
        "import sys\n"
        "from plnjournal.storage.db import open_database\n"
        f"db = open_database({str(db_path)!r})\n"
        "with db.reading() as conn:\n"
        "    assert conn.execute('SELECT count(*) FROM entries').fetchone() == (0,)\n"
        "assert 'sqlalchemy' not in sys.modules and 'alembic' not in sys.modules\n"
        "assert not db.orm_ready()\n"
        "with db.session() as s:\n"  # the engine is made on first use
        "    s.connection()\n"
        "assert db.orm_ready()\n"
        "db.close()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)


def test_panels_say_they_are_loading_then_fill(qtbot, demo_db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(demo_db, today=lambda: TODAY)
    qtbot.addWidget(window)
    journal = window.journal
    # The day is on screen at once; the panels that wait for the journal say so.
    assert journal.entries.model.rows and journal.editor.entry_id is not None
    assert journal.calendar.marked_days()
    assert not window.is_loaded
    assert journal.skills.loading.isVisibleTo(journal.skills)
    assert journal.skills.no_framework.isHidden() and not journal.skills.tree.isEnabled()
    assert journal.commitments.summary.text() == "Loading commitments…"
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.show()  # the first paint starts loading the rest
    assert journal.skills.loading.isHidden() and journal.skills.tree.isEnabled()
    assert journal.skills.model.areas
    assert "open" in journal.commitments.summary.text()
    from plnjournal.gui.tasks import wait_for_background_work

    wait_for_background_work()  # today's nudge, started once loaded


def test_text_typed_before_the_journal_loads_is_saved_once_it_has(qtbot, db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(window)
    editor = window.journal.editor
    editor.body.insertPlainText("Typed at once.")
    assert editor.is_dirty() and not window.is_loaded
    editor.autosave()  # the timed save comes due before the journal has loaded
    assert editor.is_dirty() and editor.status_text() == "Saving…"
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone() == (0,)
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.show()
    assert not editor.is_dirty()
    with db.reading() as conn:
        assert conn.execute("SELECT body FROM entries").fetchall() == [("Typed at once.",)]
    from plnjournal.gui.tasks import wait_for_background_work

    wait_for_background_work()


def test_closing_before_the_journal_loads_saves_the_text(qtbot, db) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    window = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.journal.editor.body.insertPlainText("Closed at once.")
    assert not window.is_loaded
    window.close()  # a save the user asks for waits for the load instead
    with db.reading() as conn:
        assert conn.execute("SELECT body FROM entries").fetchall() == [("Closed at once.",)]


def test_a_nudge_ready_while_the_user_types_waits_until_they_leave_the_reflection(
    qtbot,
    demo_db,
) -> None:
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.gui.tasks import wait_for_background_work

    window = MainWindow(demo_db, today=lambda: TODAY)
    qtbot.addWidget(window)
    journal = window.journal
    body = journal.editor.body
    body.insertPlainText("Typing before anything else. ")
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.show()
    editor_top = body.mapTo(window, body.rect().topLeft())
    qtbot.waitUntil(lambda: journal.nudge._held is not None, timeout=30000)
    # The text being typed stays where it was: the nudge waits.
    assert journal.nudge.isHidden()
    assert body.mapTo(window, body.rect().topLeft()) == editor_top
    journal.new_entry()  # leaving the reflection: now it shows
    assert journal.nudge.isVisible() and journal.nudge.nudge is not None
    wait_for_background_work()
