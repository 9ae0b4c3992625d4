"""The command registry: every command names a handler that exists, and building the parser
imports no command module."""

from __future__ import annotations

import argparse
import subprocess
import sys

from plnjournal.cli.parser import WINDOW_HANDLER, build_parser, load_handler


def _handlers(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Every command's handler path, by command (``skills list`` and so on)."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                handler = sub.get_default("handler")
                if handler is not None:
                    found[name] = handler
                found.update({f"{name} {k}": v for k, v in _handlers(sub).items()})
    return found


def test_every_command_names_a_handler_that_exists() -> None:
    handlers = _handlers(build_parser())
    assert {"gui", "add", "search", "stats", "show", "export-pdf", "skills list"} <= set(handlers)
    assert handlers["gui"] == WINDOW_HANDLER
    for command, spec in handlers.items():
        module, _, name = spec.partition(":")
        assert module.startswith("plnjournal.cli.") and name, command
        assert callable(load_handler(spec)), command


def test_building_the_parser_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from plnjournal.cli.parser import build_parser\n"
        "build_parser().parse_args(['stats'])\n"
        "loaded = [m for m in sys.modules if m.startswith('plnjournal.cli.cmd_')]\n"
        "assert not loaded, loaded\n"
        "assert 'plnjournal.cli.window' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
