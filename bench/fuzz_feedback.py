"""Fuzz family: mentor feedback files (``import-feedback``), from the shipped examples."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fuzz import Family


def _seeds() -> list[tuple[str, bytes]]:
    folder = resources.files("plnjournal.resources").joinpath("examples")
    return [(p.name, p.read_bytes()) for p in folder.iterdir() if p.name.startswith("feedback")]


def _setup(db: Path) -> None:
    from plnjournal.core.frameworks.spec import install_framework, load_builtin
    from plnjournal.storage.db import open_database

    database = open_database(db)
    with database.session() as s:
        install_framework(s, load_builtin("teaching"))
    database.close()


FAMILY = Family(
    name="feedback",
    argv=lambda path, db: ["--db", str(db), "import-feedback", str(path)],
    seeds=_seeds,
    setup=_setup,
)
