"""How much of a journal from another app is read: bytes, files, zip members, JSON depth.

A journal comes from someone else's app (or someone else): each limit is far above a real
journal (ten years of daily jrnl entries are about 12 MB of text; a Day One export's JSON a
few tens of MB) and far below what would exhaust memory. A limit that is hit stops the import
with one located line naming the limit; nothing is written. docs/reliability.md, "Journals
from other apps", lists them.
"""

from __future__ import annotations

import re

from plnjournal.errors import InputError

# Text read from one journal: the file, every file of a folder together, or a zip's JSON
# members uncompressed together. ``import-journal --max-size`` changes it.
MAX_JOURNAL_BYTES = 200 * 1024 * 1024
# Files and folders looked at while walking a journal folder (an Obsidian vault of 20 years
# of daily notes has about 7,300).
MAX_FOLDER_ENTRIES = 100_000
# Members of a Day One export zip (each photo is one) and the size of its table of contents.
MAX_ZIP_MEMBERS = 100_000
MAX_ZIP_DIRECTORY_BYTES = 32 * 1024 * 1024
# How many times a JSON member may expand (JSON text deflates 5 to 15 times; a zip bomb a
# thousand); checked for members over ``RATIO_FROM_BYTES``, as tiny files expand oddly.
MAX_ZIP_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
# Nesting of JSON arrays and objects (our own export is 4 deep, Day One's 6).
MAX_JSON_DEPTH = 64
# Digits of a JSON number (ids, levels and timestamps need under 20).
MAX_NUMBER_DIGITS = 30
# How much of a value from the file a message quotes.
SHOWN_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def describe_size(n: int) -> str:
    """A size in the words a limit message uses."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value from the file as a message quotes it: its repr, on one line, cut short."""
    text = repr(value) if not isinstance(value, str) or len(value) <= 4 * limit else None
    if text is None:  # a huge string: repr only what is shown
        text = repr(value[: limit + 1])  # type: ignore[index]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str) -> str:
    """A file or member name as a message shows it: control characters (a newline in a name
    would break the message over lines, an escape would talk to the terminal) escaped."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class Budget:
    """The bytes one journal import may still read; each file read takes its share."""

    def __init__(self, limit: int = MAX_JOURNAL_BYTES) -> None:
        self.limit = limit
        self.used = 0

    @property
    def left(self) -> int:
        """Bytes that may still be read."""
        return self.limit - self.used

    def take(self, size: int, display: str) -> None:
        """Count ``size`` bytes of ``display`` against the limit, or stop the import."""
        self.used += size
        if self.used > self.limit:
            raise InputError(
                f"{display}: is more than a journal import reads (the limit is "
                f"{describe_size(self.limit)} of text, {describe_size(self.used)} with this "
                "file; --max-size changes it); import the journal in parts, or check that "
                "this is the journal you meant"
            )
