"""The package list in pyproject.toml is complete, so the wheel carries every module."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_subpackage_is_listed() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "plnjournal").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"


def test_resources_are_read_through_the_package() -> None:
    from importlib import resources

    frameworks = resources.files("plnjournal.resources").joinpath("frameworks")
    assert {p.name for p in frameworks.iterdir()} >= {
        "teaching.json",
        "software.json",
        "nursing.json",
    }


def test_core_and_storage_never_import_qt() -> None:
    offenders = []
    for folder in ("core", "storage", "cli"):
        for path in (ROOT / "plnjournal" / folder).rglob("*.py"):
            for line in path.read_text().splitlines():
                stripped = line.strip()
                if stripped.startswith(("import PySide6", "from PySide6")):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
