"""Qt classes the window's start-path modules read when they use them, not when they load.

PySide sets up a class's Python type (its enums, its methods' signatures) the first time the
class is read from its module, and that is what ``from PySide6.QtWidgets import QMessageBox``
at a module's top does. For the classes below, which the window needs only on demand (a
message box, a dialog, the dark style, the icon made after the first paint), that set-up
cost the first paint: docs/performance.md ("Where the start-up deferrals are, and what each
saves") says how much, as measured (commits 1a8539d, 4ebde21, aa40fb6). Start-path modules
write ``late_types.QMessageBox`` at the point of use; every other module imports Qt classes
at its top as usual. Add a class here only with a measurement of what it saves (≥ 2 ms).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the checker sees the real classes; at run time __getattr__ fetches them
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import (
        QDialog,
        QMessageBox,
        QProxyStyle,
        QStyle,
        QStyleFactory,
        QStyleOptionComboBox,
        QStylePainter,
    )

__all__ = [
    "QDialog",
    "QIcon",
    "QMessageBox",
    "QPixmap",
    "QProxyStyle",
    "QStyle",
    "QStyleFactory",
    "QStyleOptionComboBox",
    "QStylePainter",
]

# Each class and the PySide module it comes from.
_HOMES = {
    "QDialog": "PySide6.QtWidgets",
    "QMessageBox": "PySide6.QtWidgets",
    "QProxyStyle": "PySide6.QtWidgets",
    "QStyle": "PySide6.QtWidgets",
    "QStyleFactory": "PySide6.QtWidgets",
    "QStyleOptionComboBox": "PySide6.QtWidgets",
    "QStylePainter": "PySide6.QtWidgets",
    "QIcon": "PySide6.QtGui",
    "QPixmap": "PySide6.QtGui",
}


def __getattr__(name: str) -> Any:
    """The class ``name``, read from its PySide module now (PEP 562 module attribute)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
