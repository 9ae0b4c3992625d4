"""All terminal output goes through here: errors one line on stderr, JSON on stdout."""

from __future__ import annotations

import json
import sys


def print_error(message: str) -> None:
    print(f"plnjournal: error: {message}", file=sys.stderr)


def print_warning(message: str) -> None:
    print(f"plnjournal: warning: {message}", file=sys.stderr)


def print_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def info(message: str = "") -> None:
    print(message)
