"""Spacing set by hand sits on the 8 px grid (4 px for the tightest rows): what the code says,
read from its layouts (the style's own defaults are Fusion's)."""

from __future__ import annotations

import ast
from pathlib import Path

import plnjournal

GUI = Path(plnjournal.__file__).parent / "gui"
CALLS = {
    "setContentsMargins",
    "setSpacing",
    "addSpacing",
    "setHorizontalSpacing",
    "setVerticalSpacing",
}


def test_hand_set_spacing_is_on_the_grid() -> None:
    off = []
    for path in sorted(GUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CALLS
            ):
                for arg in node.args:
                    value = arg.value if isinstance(arg, ast.Constant) else None
                    if isinstance(value, int) and value % 4:
                        off.append(f"{path.relative_to(GUI)}:{node.lineno} {value}")
    assert not off, off
