"""The first-start dialog: only on a new journal; each choice leaves the journal as promised."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from plnjournal.core.journal.days import needs_first_start
from plnjournal.core.skills.lookup import active_framework, list_skills
from plnjournal.gui.shell import first_start
from plnjournal.gui.skills import framework_actions


def _dialog(qtbot, db):
    dialog = first_start.FirstStartDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def test_built_in_framework(qtbot, db) -> None:
    assert needs_first_start(db)
    dialog = _dialog(qtbot, db)
    assert dialog.frameworks.count() == 3
    dialog.choose(first_start.BUILTIN, "nursing")
    with qtbot.waitSignal(dialog.accepted):  # written on the write worker
        dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with db.session() as s:
        assert active_framework(s).name == "Clinical nursing practice"
        assert len(list_skills(s)) == 27
    assert not needs_first_start(db)


def test_empty_framework_and_never_asked_again(qtbot, db) -> None:
    dialog = _dialog(qtbot, db)
    dialog.choose(first_start.EMPTY)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    with db.session() as s:
        assert active_framework(s) is not None and list_skills(s) == []
    assert not needs_first_start(db)


def test_import_a_file(qtbot, db, tmp_path, monkeypatch) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("area,code,name,description,target_level\nA,A1,One,,3\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = _dialog(qtbot, db)
    dialog.choose(first_start.IMPORT)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    with db.session() as s:
        assert [sk.code for sk in list_skills(s)] == ["A1"]
        assert active_framework(s).name == "Mine"


def test_import_a_refused_file_stays(qtbot, db, tmp_path, monkeypatch) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("area,code,name,description,target_level\nA,,,,9\n", encoding="utf-8")
    shown: list[Exception] = []
    monkeypatch.setattr(framework_actions, "show_problems", lambda _p, _t, exc: shown.append(exc))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = _dialog(qtbot, db)
    dialog.choose(first_start.IMPORT)
    dialog.accept()
    assert not dialog.isEnabled()  # the file is being read
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    qtbot.waitUntil(dialog.isEnabled)
    assert dialog.result() != dialog.DialogCode.Accepted
    with db.session() as s:
        assert active_framework(s) is None


def test_demo_journal_loads_in_the_background(qtbot, db) -> None:
    from plnjournal.core.journal.stats import journal_stats

    dialog = _dialog(qtbot, db)
    dialog.choose(first_start.DEMO)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.accept()
    with db.session() as s:
        assert journal_stats(s)["entries"] > 200


def test_not_shown_on_a_journal_with_entries(demo_db) -> None:
    assert not needs_first_start(demo_db)


def test_the_dialog_names_the_new_journal_s_file(qtbot, db) -> None:
    """Whose journal is being started is never a guess (issue 20, finding 2)."""
    from PySide6.QtWidgets import QLabel

    dialog = _dialog(qtbot, db)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(str(db.path.resolve()) in text for text in texts), texts


DOUBT = "--db stats: there is no journal there, and stats is a command (nothing was created)"


def test_a_doubtful_new_journal_is_made_only_when_the_user_says_create(
    qtbot, tmp_path, monkeypatch
) -> None:
    from tests.gui.modal import answer_next_question

    path = tmp_path / "stats"
    seen: list[str] = []
    answer_next_question("Create", seen)
    assert first_start.confirm_new_journal(path, DOUBT)
    assert str(path.resolve()) in seen[0] and "stats is a command" in seen[0]
    answer_next_question("Cancel")
    assert not first_start.confirm_new_journal(path, DOUBT)
    assert not path.exists()


def test_the_window_s_start_asks_first_and_a_no_creates_nothing(
    qtbot, tmp_path, monkeypatch
) -> None:
    import pytest

    from plnjournal.errors import InputError
    from plnjournal.gui.shell import app

    asked: list[object] = []

    def decline(path, why, parent=None) -> bool:
        asked.append((path, why))
        return False

    monkeypatch.setattr(first_start, "confirm_new_journal", decline)
    path = tmp_path / "stats"
    with pytest.raises(InputError) as caught:
        app.run_gui(path, confirm_new=DOUBT)
    assert caught.value.message == DOUBT and caught.value.exit_code == 2
    assert asked == [(path, DOUBT)]
    assert list(tmp_path.iterdir()) == []
