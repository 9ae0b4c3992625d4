"""A workaround for a start-up cost of PySide's ``__feature__`` support (napari#8584).

Once PySide has loaded, it reads the whole source of every module that an ``import``
statement names, even one loaded long before, to learn whether the module uses PySide and
so may opt in to its ``__feature__`` switches (snake_case, true_property). This app never
does, and the reading cost ~20 ms of the window's start on the team's machine, mostly for
standard-library modules that were loaded before PySide and so cannot use it.
"""

from __future__ import annotations

import sys

# What PySide records for a module that does not use it: "ignore it when switching".
NOT_PYSIDE = -1


def feature_table() -> dict[str, int] | None:
    """PySide's record of which modules use it (None if this PySide has none)."""
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def spare_source_scans(loaded_before_pyside: set[str]) -> int:
    """Record the modules loaded before PySide as not using it, as PySide's own scan would,
    so it never reads their source; ours are left to the scan. Returns how many."""
    table = feature_table()
    if table is None:
        return 0
    spared = 0
    for name in loaded_before_pyside:
        if not name.startswith(("plnjournal", "PySide6", "shiboken", "__main__")):
            spared += name not in table
            table.setdefault(name, NOT_PYSIDE)
    return spared
