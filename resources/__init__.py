"""Built-in data: frameworks, reflection models, icons, templates, examples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def folder(name: str) -> Traversable:
    """One folder of the built-in data. A plain path when the package is installed as files
    (pip, editable, a PyInstaller folder): importlib.resources' machinery costs ~12 ms, and
    the window reads its reflection models before the first paint. From a zip, through it."""
    for base in __path__:
        path = Path(base) / name
        if path.is_dir():
            return path
    from importlib import resources

    return resources.files(__name__).joinpath(name)
