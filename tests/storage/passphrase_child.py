"""A process that changes an encrypted journal's passphrase back and forth between two, for
the test that kills it: ``python -u passphrase_child.py DB FIRST SECOND``. It prints READY
once it knows the current passphrase, then changes it for as long as it lives."""

from __future__ import annotations

import sys
from pathlib import Path

from plnjournal.errors import WrongPassphrase
from plnjournal.storage import encryption


def main(db: str, first: str, second: str) -> int:
    path = Path(db)
    try:
        encryption.unlock(path, first)
        current, other = first, second
    except WrongPassphrase:
        encryption.unlock(path, second)
        current, other = second, first
    print("READY", flush=True)
    while True:
        encryption.change_passphrase(path, current, other)
        current, other = other, current


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
