"""Grab the mentor window, the lead's coverage and the trainee's window after a mentor's
feedback arrived, on a throwaway PostgreSQL cluster (offscreen, no real settings).

python docs/screenshots/take_programme.py [OUT_FOLDER]   # default: docs/screenshots/programme
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
HOME = Path(tempfile.mkdtemp(prefix="plnshot-"))
os.environ["PLNJOURNAL_HOME"] = str(HOME)
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TODAY = dt.date.today()
SIZES = ((1024, 600), (1920, 1080))


def settle(app: object, seconds: float = 0.6) -> None:
    from plnjournal.gui.tasks import wait_for_background_work

    wait_for_background_work()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
    wait_for_background_work()
    app.processEvents()  # type: ignore[attr-defined]


def main() -> None:
    import psycopg
    from psycopg.types.json import Jsonb
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from plnjournal.core.demo import build_demo
    from plnjournal.core.journal.settings import set_setting
    from plnjournal.gui.mentor.dialogs import WriteDialog
    from plnjournal.gui.mentor.window import MentorWindow
    from plnjournal.gui.shell.main_window import MainWindow
    from plnjournal.gui.theme import use_app_style
    from plnjournal.programme import admin, mentor_write, sharing, state
    from plnjournal.programme.login import ServerSession
    from plnjournal.programme.sync import sync
    from plnjournal.storage.db import open_database
    from plnjournal.storage.models import Entry
    from tests.programme.cluster import running_cluster

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("programme")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    use_app_style(app)
    with running_cluster() as cluster:
        url = cluster.create_database("ect")
        admin.init_programme(url, "Early career teachers 2026")
        pw: dict[str, str] = {}
        for kind, login, name in (
            ("trainee", "ana.lopez", "Ana Lopez"), ("trainee", "ben.carter", "Ben Carter"),
            ("trainee", "chloe.ng", "Chloe Ng"), ("trainee", "dev.patel", "Dev Patel"),
            ("mentor", "m.okafor", "Ms Okafor"), ("lead", "r.lee", "Dr Lee"),
        ):  # fmt: skip
            pw[login] = admin.add_person(url, kind, login, name) or ""
        for t in ("ana.lopez", "ben.carter", "chloe.ng"):
            admin.assign(url, "m.okafor", t)

        def address(login: str) -> str:
            return cluster.url("ect", login)

        # Ana's journal: a year of demo reflections, the newest eight shared, her avoidance too.
        db = open_database(HOME / "ana.sqlite3")
        with db.session() as s:
            build_demo(s, years=1, seed=7, today=TODAY)
            set_setting(s, sharing.SERVER, address("ana.lopez"))
            set_setting(s, sharing.JOINED_ON, (TODAY - dt.timedelta(days=60)).isoformat())
        state.set_optional_sharing(db, ratings=True, avoidance=True)
        with db.session() as s:
            ids = list(s.scalars(select(Entry.id).where(Entry.private.is_(False))
                                 .order_by(Entry.entry_date.desc()).limit(8)))  # fmt: skip
            sharing.share_entries(s, ids)
        sync(db, password=pw["ana.lopez"])
        for login, summary in (
            ("ben.carter", [{"code": "PL4", "name": "Planning from assessment evidence",
                             "score": 72, "reasons": ["No reflection in 6 weeks"]}]),
            ("chloe.ng", [{"code": "PL4", "name": "Planning from assessment evidence",
                           "score": 55, "reasons": []}]),
        ):  # fmt: skip
            with psycopg.connect(address(login) + f" password={pw[login]}") as conn:
                conn.execute(
                    "INSERT INTO pln.avoidance_summaries (skills) VALUES (%s)", (Jsonb(summary),)
                )
                conn.execute(
                    "INSERT INTO pln.reflections (uuid, version, title, body, entry_date, skills) "
                    "VALUES (gen_random_uuid(), 1, 'Parents evening', 'It went **better** than I "
                    "feared.', %s, %s)",
                    (TODAY, Jsonb([{"code": "PA1", "name": "Communicating with families"}])),
                )

        session = ServerSession(address("m.okafor"), pw["m.okafor"])
        window = MentorWindow(session)
        window.resize(*SIZES[0])
        window.show()
        settle(app, 1.0)
        for w, h in SIZES:
            window.resize(w, h)
            settle(app)
            window.grab().save(str(out / f"mentor-window-{w}x{h}.png"))
        # The mentor answers: feedback on a skill, a comment on the newest reflection.
        view = window.view
        assert view is not None
        dialog = WriteDialog("feedback", view, window)
        dialog.text.setPlainText("The routine is there on Mondays but slips after lunch.")
        dialog.show()
        settle(app)
        dialog.grab().save(str(out / "mentor-feedback-dialog.png"))
        dialog.close()
        skill = view.reflections[0].skills[0][0] if view.reflections[0].skills else "CL1"
        session.run(lambda c: mentor_write.write_feedback(
            c, "ana.lopez", skill, 2,
            "The routine is there on Mondays but slips after lunch. **Try** the same "
            "three-step entry after break, and tell me what changed.",
        ))  # fmt: skip
        session.run(lambda c: mentor_write.write_comment(
            c, view.reflections[0].uuid, "Good noticing. What would you keep for next week?"
        ))  # fmt: skip
        window.close()

        lead = MentorWindow(ServerSession(address("r.lee"), pw["r.lee"]))
        lead.resize(*SIZES[0])
        lead.show()
        settle(app, 1.0)
        lead.grab().save(str(out / "lead-coverage-1024x600.png"))
        lead.close()

        # Ana's window: it syncs after loading and the feedback arrives in her inbox.
        os.environ["PGPASSWORD"] = pw["ana.lopez"]
        main_window = MainWindow(db, today=lambda: TODAY)
        main_window.resize(*SIZES[0])
        main_window.show()
        main_window.load_now()
        settle(app, 3.0)
        main_window.feedback_feature.show_feedback(inbox=True)  # type: ignore[attr-defined]
        inbox = next(
            (w for w in app.topLevelWidgets() if type(w).__name__ == "FeedbackWindow"), None
        )
        for w, h in SIZES:
            main_window.resize(w, h)
            settle(app)
            main_window.grab().save(str(out / f"trainee-window-{w}x{h}.png"))
        if inbox is not None:  # newest first: the mentor's item that just arrived on top
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QTableView

            table = next(t for t in inbox.findChildren(QTableView) if t.isVisible())
            table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
            table.selectRow(0)
            for w, h in SIZES:
                inbox.resize(w, h)
                settle(app)
                inbox.grab().save(str(out / f"trainee-inbox-{w}x{h}.png"))
        main_window.close()
        db.close()
    print(f"wrote the screenshots to {out}")


if __name__ == "__main__":
    main()
