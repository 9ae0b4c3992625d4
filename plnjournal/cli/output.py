"""All terminal output goes through here: errors one line on stderr, JSON on stdout."""

from __future__ import annotations

import json
import re
import sys

# What a terminal would act on rather than show: escape sequences (CSI such as colours and
# screen clearing, OSC such as the window title, DCS and the other string commands, each with
# its content) and the remaining C0 and C1 control characters. Titles, bodies and file
# contents come from other people (issue 18, finding 9).
_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.?)"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without anything a terminal would obey: sequences dropped with their content,
    other control characters dropped; line breaks and tabs kept."""
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def _one_line(message: str) -> str:
    return " ".join(terminal_safe(message).split())


def print_error(message: str) -> None:
    """An error as one line on stderr, the same prefix for every command. Errors quote files
    from other people, so they are always cleaned, and always one line."""
    print(f"plnjournal: error: {_one_line(message)}", file=sys.stderr)


def print_warning(message: str) -> None:
    """A warning as one line on stderr; the command goes on."""
    print(f"plnjournal: warning: {_one_line(message)}", file=sys.stderr)


def print_json(obj: object) -> None:
    """``obj`` as indented JSON on stdout, non-ASCII kept readable."""
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def info(message: str = "") -> None:
    """A line for the user on stdout (the one place commands print). On a terminal, text that
    would drive it is left out; into a pipe or a file the text goes as it is."""
    print(terminal_safe(message) if sys.stdout.isatty() else message)
