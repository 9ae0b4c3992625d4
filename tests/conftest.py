"""Shared fixtures: every test gets its own data folder and journal; Qt runs offscreen."""

from __future__ import annotations

import os

# Must happen before any QApplication exists: with no display Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data folder or an inherited PLNJOURNAL_DB."""
    home = tmp_path / "home"
    monkeypatch.setenv("PLNJOURNAL_HOME", str(home))
    monkeypatch.delenv("PLNJOURNAL_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def db(db_path: Path):
    from plnjournal.storage.db import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def teaching_db(db):
    """A journal with the built-in teaching framework and no entries."""
    from plnjournal.core.frameworks.spec import install_framework, load_builtin

    with db.session() as s:
        install_framework(s, load_builtin("teaching"))
    return db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo journal built once per run; tests copy it rather than rebuild it."""
    from plnjournal.core.demo import build_demo
    from plnjournal.storage.db import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    with database.session() as s:
        build_demo(s, years=1, seed=7, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path):
    """A private copy of the demo journal, ending on TODAY."""
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import open_database

    path = copy_database(demo_template, tmp_path / "demo.sqlite3")
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def teaching_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with the teaching framework, built once (migrating a new file costs ~0.8 s)."""
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    path = tmp_path_factory.mktemp("teaching") / "teaching.sqlite3"
    database = open_database(path)
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    database.close()
    return path


@pytest.fixture
def teaching_copy(teaching_template: Path, tmp_path: Path):
    """A private copy of the teaching journal (what ``teaching_db`` gives, but fast)."""
    from plnjournal.storage.backup import copy_database
    from plnjournal.storage.db import open_database

    database = open_database(copy_database(teaching_template, tmp_path / "teaching-copy.sqlite3"))
    yield database
    database.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # GUI tests are marked automatically, so `-m "not gui"` runs the Qt-free suite.
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
