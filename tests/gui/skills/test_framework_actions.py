"""Framework import and export from the Skills menu: read, checked and written in the
background; a refused file lists its problems, a merge asks first, the caller hears the end."""

from __future__ import annotations

import json
from importlib import resources

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from plnjournal.core.skills.lookup import active_framework, list_skills
from plnjournal.gui.skills import framework_actions

CSV = "area,code,name,description,target_level\nPlanning,PL1,Lesson planning again,,3\n"


def _parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _import(qtbot, monkeypatch, db, path, *, answer=QMessageBox.StandardButton.Apply):
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return answer

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", question)
    done: list[bool] = []
    framework_actions.ask_import(_parent(qtbot), db, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    return done, asked


def test_import_over_a_framework_asks_then_writes(
    qtbot, monkeypatch, teaching_db, tmp_path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(CSV, encoding="utf-8")
    done, asked = _import(qtbot, monkeypatch, teaching_db, path)
    assert done == [True]
    assert len(asked) == 1 and "mine.csv" in asked[0] and "1 skill updated: PL1" in asked[0]
    with teaching_db.session() as s:
        assert [sk.name for sk in list_skills(s) if sk.code == "PL1"] == ["Lesson planning again"]


def test_a_spreadsheet_over_a_framework_changes_skills_only(
    qtbot, monkeypatch, teaching_db, tmp_path
) -> None:
    path = tmp_path / "programme.xlsx"
    path.write_bytes(
        resources.files("plnjournal.resources")
        .joinpath("examples/frameworks/formation-enseignants.xlsx")
        .read_bytes()
    )
    with teaching_db.session() as s:
        fw = active_framework(s)
        assert fw is not None
        before = (fw.name, [(lv.level, lv.label) for lv in fw.levels])
    done, asked = _import(qtbot, monkeypatch, teaching_db, path)
    assert done == [True] and "4 skills added" in asked[0]
    with teaching_db.session() as s:
        fw = active_framework(s)
        assert fw is not None
        # A spreadsheet has no framework name or scale: the journal's stay.
        assert (fw.name, [(lv.level, lv.label) for lv in fw.levels]) == before
        assert "RE1" in [sk.code for sk in list_skills(s)]


def test_import_cancelled_at_the_question_changes_nothing(
    qtbot, monkeypatch, teaching_db, tmp_path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(CSV, encoding="utf-8")
    with teaching_db.session() as s:
        before = [(sk.code, sk.name, sk.archived) for sk in list_skills(s, include_archived=True)]
    done, asked = _import(
        qtbot, monkeypatch, teaching_db, path, answer=QMessageBox.StandardButton.Cancel
    )
    assert done == [False] and len(asked) == 1
    with teaching_db.session() as s:
        after = [(sk.code, sk.name, sk.archived) for sk in list_skills(s, include_archived=True)]
    assert after == before


def test_a_refused_file_lists_its_problems_and_changes_nothing(
    qtbot, monkeypatch, db, tmp_path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("area,code,name,description,target_level\nA,,,,9\n", encoding="utf-8")
    shown: list[Exception] = []
    monkeypatch.setattr(framework_actions, "show_problems", lambda _p, _t, exc: shown.append(exc))
    done, asked = _import(qtbot, monkeypatch, db, path)
    assert done == [False] and not asked
    assert len(shown) == 1 and getattr(shown[0], "problems", None)
    with db.session() as s:
        assert active_framework(s) is None


def test_export_writes_the_file_in_the_background(
    qtbot, monkeypatch, teaching_db, tmp_path
) -> None:
    target = tmp_path / "exported"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)")
    )
    done: list[bool] = []
    framework_actions.ask_export(_parent(qtbot), teaching_db, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done == [True]
    data = json.loads((tmp_path / "exported.json").read_text(encoding="utf-8"))
    assert "PL1" in json.dumps(data)


def test_skills_menu_import_tells_the_views(qtbot, monkeypatch, demo_db, tmp_path) -> None:
    from plnjournal.gui.shell.main_window import MainWindow

    path = tmp_path / "mine.csv"
    path.write_text(CSV, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Apply)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.data_changed, timeout=10_000, check_params_cb=lambda what: "framework" in what
    ) as signal:
        window.skills_feature.actions["import"].trigger()
    assert {"skills", "framework"} <= signal.args[0]
    with demo_db.session() as s:
        assert [sk.name for sk in list_skills(s) if sk.code == "PL1"] == ["Lesson planning again"]
