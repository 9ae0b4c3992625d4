"""The layering rules import-linter cannot state: no matplotlib Qt backend below the GUI."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plnjournal"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "use":
            # matplotlib.use("QtAgg") switches the whole process to a Qt canvas
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(f"matplotlib.backends.backend_{arg.value.lower()}")
    return names


def test_core_and_storage_never_draw_on_a_qt_canvas() -> None:
    offenders = []
    for folder in ("core", "storage"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            qt = [n for n in _imports(path) if n.startswith("matplotlib.backends.backend_qt")]
            if qt:
                offenders.append(f"{path.relative_to(PACKAGE)}: {', '.join(sorted(qt))}")
    assert offenders == []


def test_the_guard_sees_a_qt_backend(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import matplotlib\nmatplotlib.use('QtAgg')\n", encoding="utf-8")
    assert "matplotlib.backends.backend_qtagg" in _imports(sample)


def test_no_module_grows_past_500_lines() -> None:
    """A file past a few hundred lines wants splitting along a seam (docs/architecture.md)."""
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if "migrations/versions" not in str(path)
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
