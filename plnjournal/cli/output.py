"""All terminal output goes through here: errors one line on stderr, JSON on stdout."""

from __future__ import annotations

import json
import sys


def print_error(message: str) -> None:
    """An error as one line on stderr, the same prefix for every command."""
    print(f"plnjournal: error: {message}", file=sys.stderr)


def print_warning(message: str) -> None:
    """A warning as one line on stderr; the command goes on."""
    print(f"plnjournal: warning: {message}", file=sys.stderr)


def print_json(obj: object) -> None:
    """``obj`` as indented JSON on stdout, non-ASCII kept readable."""
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def info(message: str = "") -> None:
    """A line for the user on stdout (the one place commands print)."""
    print(message)
