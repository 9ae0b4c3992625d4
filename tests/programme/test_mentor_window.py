"""The mentor window on a real server: only the mentor's own trainees, their reflections
rendered sanitized, feedback written off the GUI thread; a lead gets the cohort's coverage."""

from __future__ import annotations

from psycopg.types.json import Jsonb
from PySide6.QtCore import QRect

from plnjournal.gui import tasks
from plnjournal.gui.mentor.dialogs import WriteDialog, Written
from plnjournal.gui.mentor.window import MentorWindow
from plnjournal.programme.login import ServerSession
from tests.programme.conftest import Programme

HOSTILE = (
    "We tried **paired reading**.\n\n<img src='http://127.0.0.1:9/x.png'> "
    "<script>alert(1)</script>[notes](file:///etc/passwd)"
)


def _window(qtbot, programme: Programme, who: str) -> MentorWindow:
    window = MentorWindow(ServerSession(programme.address(who), programme.passwords[who]))
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    return window


def test_the_mentor_window_shows_and_answers_own_trainees(qtbot, programme: Programme) -> None:
    for who, title in (("ana", "Paired reading"), ("ben", "Ben's lesson")):
        with programme.connect(who) as conn:
            conn.execute(
                "INSERT INTO pln.reflections (uuid, version, title, body, entry_date, skills) "
                "VALUES (gen_random_uuid(), 1, %s, %s, '2026-11-02', %s)",
                (title, HOSTILE, Jsonb([{"code": "CL1", "name": "Routines"}])),
            )
            # Her journal's framework, on its own scale: the mentor rates on it.
            conn.execute(
                "INSERT INTO pln.frameworks (name, scale, skills) VALUES ('Ours', %s, %s)",
                (Jsonb([{"level": n, "label": label}
                        for n, label in ((1, "Emerging"), (2, "Developing"), (3, "Secure"))]),
                 Jsonb([{"code": "CL1", "name": "Routines", "area": "Class",
                         "target_level": 3}])),
            )  # fmt: skip
    window = _window(qtbot, programme, "maya")
    listed: list[list[str]] = []
    # The list arrives through the event loop, so nothing is missed by connecting now.
    window.loaded.connect(
        lambda: listed.append([window.list.item(i).text() for i in range(window.list.count())])
    )
    with qtbot.waitSignal(window.trainee_shown, timeout=20000):
        pass
    assert listed[0] == ["Ana Lopez\n1 new"]  # then read: the pane shows it
    html = window.browser.toHtml()
    assert "font-weight:700" in html  # the Markdown's bold, rendered
    text = window.browser.toPlainText()
    assert "Paired reading" in text and "Ben's lesson" not in text
    assert "<img" not in html and "127.0.0.1" not in html and "alert(1)" not in text
    assert "file:///etc/passwd" not in html
    assert window.tabs.count() == 1  # no coverage tab for a mentor
    # At 1024x600 every action is on the screen, whole.
    for button in (*window.buttons.values(), window.refresh_button):
        top_left = button.mapTo(window, button.rect().topLeft())
        assert button.isVisible() and window.rect().contains(QRect(top_left, button.size())), (
            button.text()
        )
    qtbot.waitUntil(lambda: window.list.item(0).text() == "Ana Lopez\nnothing waiting")
    dialog = WriteDialog("feedback", window.view, window)
    assert dialog.skill.itemData(0) == "CL1"  # the skill her framework names first
    levels = [dialog.level.itemText(i) for i in range(dialog.level.count())]
    assert levels == ["No rating, a comment only", "1 Emerging", "2 Developing", "3 Secure"]
    dialog.close()
    with qtbot.waitSignal(window.written, timeout=20000):
        window.send(programme.logins["ana"], Written("feedback", "CL1", 2, "Keep the *routine*."))
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=20000)
    with programme.admin() as conn:
        rows = conn.execute("SELECT trainee, rating, comment FROM pln.feedback_items").fetchall()
    assert rows == [(programme.logins["ana"], 2, "Keep the *routine*.")]
    window.close()


def test_a_lead_sees_the_cohorts_coverage(qtbot, programme: Programme) -> None:
    with programme.connect("ben") as conn:
        conn.execute(
            "INSERT INTO pln.avoidance_summaries (skills) VALUES (%s)",
            (Jsonb([{"code": "PL4", "name": "Assessment evidence", "score": 70}]),),
        )
    window = _window(qtbot, programme, "lee")
    qtbot.waitUntil(lambda: window.coverage is not None, timeout=20000)
    tab = window.coverage
    qtbot.waitUntil(lambda: tab.coverage is not None, timeout=20000)
    assert window.tabs.currentWidget() is tab
    assert tab.avoided.item(0, 1).text() == "Assessment evidence"
    assert tab.quiet.rowCount() == 2
    window.close()
