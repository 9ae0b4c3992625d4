"""Programme mode in the window: nothing shows without a programme; with one, the window
syncs after loading, says when it last synced, and the share toggle follows the open
reflection (never a private one)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from plnjournal.gui import tasks
from plnjournal.programme import sharing
from plnjournal.programme.sync import sync
from plnjournal.storage.models import FeedbackItem
from tests.gui.shell.test_small_screens import SMALL, _outside
from tests.programme.conftest import Programme
from tests.programme.journal import DAY, add, connect_journal, mentor_writes, share


def _settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.is_loaded, timeout=20000)
    link = window.programme
    qtbot.waitUntil(lambda: link.state is not None and not link.syncing and not tasks.busy(),
                    timeout=20000)  # fmt: skip


def test_without_a_programme_nothing_shows(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    _settle(qtbot, window)
    assert window.findChild(object, "programmeAction") is not None
    assert not window.programme.label.isVisible()
    assert window.programme.toggle is None


def test_the_window_syncs_and_the_toggle_shares(
    qtbot, make_window, teaching_db, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", programme.passwords["ana"])
    connect_journal(teaching_db, programme)
    shared, other = add(teaching_db, "Shared before"), add(teaching_db, "Not yet shared")
    private = add(teaching_db, "Private worry", private=True)
    share(teaching_db, shared)
    mentor_writes(
        programme, "maya",
        "INSERT INTO pln.feedback_items (trainee, skill_code, rating, comment) "
        "VALUES (%s, 'CL1', 3, 'Calmer transitions this week')", programme.logins["ana"],
    )  # fmt: skip
    window = make_window(teaching_db, today=DAY, size=(1024, 600))
    _settle(qtbot, window)
    link = window.programme
    assert link.label.isVisible()
    assert link.label.text() == "Programme: synced just now"
    with teaching_db.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackItem)) == 1
    toggle = link.toggle
    window.journal.open_entry(shared, DAY)
    qtbot.waitUntil(lambda: toggle.isChecked())
    window.journal.open_entry(private, DAY)
    qtbot.waitUntil(lambda: not toggle.isEnabled())
    assert not toggle.isChecked()
    window.journal.open_entry(other, DAY)
    qtbot.waitUntil(lambda: toggle.isEnabled() and not toggle.isChecked())
    toggle.click()
    qtbot.waitUntil(lambda: other in toggle.shared, timeout=10000)
    _settle(qtbot, window)
    with programme.admin() as conn:
        titles = {t for (t,) in conn.execute("SELECT title FROM pln.reflections")}
    assert titles == {"Shared before", "Not yet shared"}
    with teaching_db.session() as s:
        assert sharing.shared_entry_ids(s) == {shared, other}


def test_the_dialog_joins_a_programme(
    qtbot, make_window, teaching_db, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(teaching_db)
    _settle(qtbot, window)
    window.findChild(object, "programmeAction").trigger()
    dialog = window.findChild(object, "programmeDialog")
    assert dialog.status.text() == "Not connected to a programme."
    assert not dialog.sync_button.isEnabled()
    dialog.address.setText(programme.address("ana"))
    dialog.password.setText(programme.passwords["ana"])
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: window.programme.label.isVisible(), timeout=20000)
    _settle(qtbot, window)
    assert window.programme.label.text() == "Programme: synced just now"
    assert dialog.sync_button.isEnabled() and dialog.password.text() == ""
    dialog.avoidance.click()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=20000)
    _settle(qtbot, window)
    with programme.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pln.avoidance_summaries").fetchone() == (1,)
    dialog.close()


def test_the_dialog_fits_1024x600_with_its_buttons(qtbot, make_window, teaching_db) -> None:
    window = make_window(teaching_db)
    _settle(qtbot, window)
    window.findChild(object, "programmeAction").trigger()
    dialog = window.findChild(object, "programmeDialog")
    need = dialog.minimumSizeHint()
    assert need.width() <= SMALL[0] and need.height() <= SMALL[1], need
    dialog.resize(min(dialog.width(), SMALL[0]), min(dialog.height(), SMALL[1]))
    qtbot.waitExposed(dialog)
    assert not _outside(dialog)
    dialog.close()


def _comment_on_shared(teaching_db, programme: Programme) -> int:
    """A shared reflection the server has, with a comment from maya (markup and all)."""
    connect_journal(teaching_db, programme)
    entry_id = add(teaching_db, "Parents' evening")
    share(teaching_db, entry_id)
    assert sync(teaching_db, password=programme.passwords["ana"]).state == "synced"
    with programme.admin() as conn:
        (key,) = conn.execute("SELECT uuid FROM pln.reflections").fetchone()
    mentor_writes(
        programme, "maya",
        "INSERT INTO pln.comments (trainee, reflection_uuid, reflection_version, body) "
        "VALUES (%s, %s, 1, %s)",
        programme.logins["ana"], key, "<b>Lovely</b> detail about **Dani's** mum",
    )  # fmt: skip
    return entry_id


def test_mentors_comments_show_under_the_shared_reflection_as_written(
    qtbot, make_window, teaching_db, programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", programme.passwords["ana"])
    entry_id = _comment_on_shared(teaching_db, programme)
    window = make_window(teaching_db, today=DAY)
    _settle(qtbot, window)
    window.journal.open_entry(entry_id, DAY)
    line = window.programme.comments
    qtbot.waitUntil(lambda: line.isVisible(), timeout=10000)
    assert line.text().splitlines()[1].endswith(": <b>Lovely</b> detail about **Dani's** mum")
    assert line.textFormat() == Qt.TextFormat.PlainText
    other = add(teaching_db, "No comments here")
    window.journal.open_entry(other, DAY)
    qtbot.waitUntil(lambda: not line.isVisible())


def test_comments_from_the_command_line(cli, teaching_db, db_path, programme: Programme) -> None:
    entry_id = _comment_on_shared(teaching_db, programme)
    assert sync(teaching_db, password=programme.passwords["ana"]).comments == 1
    teaching_db.close()
    said = cli("comments", str(entry_id), "--json")
    assert said.code == 0, said.err
    ((comment,),) = [said.json()]
    assert (comment["reflection"], comment["mentor"], comment["version"]) == (
        entry_id,
        "Ms Okafor",
        1,
    )
    assert "Ms Okafor on reflection" in cli("comments").out
