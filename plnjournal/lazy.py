"""Start-up deferral, the one mechanism: a module imported on its first use, not at import.

The window's first paint and the quick commands (``search``, ``show``, ``stats``) must not wait
for SQLAlchemy, matplotlib or Alembic (each costs a large part of the start-up budget); the
modules on those paths name such a module with ``lazy_module`` at their top, with a comment
saying what it keeps off the path, and use it as a module. Every other module imports at its
top, as usual. docs/performance.md ("Where the start-up deferrals are, and what each saves")
has the figures and how they were measured.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule(ModuleType):
    """Stands for a module until an attribute is read; then imports it (thread-safe: the import
    system's own per-module lock) and answers from it. Nothing is cached here, so a test that
    patches the real module is seen at once."""

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy_module(name: str) -> Any:
    """``name`` (a dotted module path), imported when first used instead of now."""
    return _LazyModule(name)
