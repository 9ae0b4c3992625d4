"""Where the command line gets a passphrase: a file named by PLNJOURNAL_PASSPHRASE_FILE, else a
prompt on a terminal (never the command's arguments, which other users can read in the
process list and the shell keeps in its history)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from plnjournal.errors import InputError, JournalLocked

PASSPHRASE_FILE_ENV = "PLNJOURNAL_PASSPHRASE_FILE"
# For ``passphrase change`` in a script: the new passphrase, as the current one is given above.
NEW_PASSPHRASE_FILE_ENV = "PLNJOURNAL_NEW_PASSPHRASE_FILE"


def _from_file(env: str) -> str | None:
    name = os.environ.get(env)
    if not name:
        return None
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{env}: {name}: cannot read the passphrase file ({exc})") from exc
    secret = text.rstrip("\r\n")  # the line's end is not part of it; other spaces are
    if not secret:
        raise InputError(f"{env}: {name}: the passphrase file is empty")
    return secret


def can_prompt() -> bool:
    """Whether a person is there to be asked (standard input is a terminal)."""
    return sys.stdin.isatty()


def current_secret(path: Path, *, what: str = "passphrase (or recovery key)") -> str:
    """The passphrase of the encrypted journal at ``path``: the file, else a prompt; on no
    terminal and no file, a one-line error that says how to give it (exit 2)."""
    secret = _from_file(PASSPHRASE_FILE_ENV)
    if secret is not None:
        return secret
    if not can_prompt():
        raise JournalLocked(
            f"{path}: the journal is encrypted; give its passphrase in a file named by "
            f"{PASSPHRASE_FILE_ENV}, or run 'plnjournal unlock --remember' once at a terminal"
        )
    return getpass.getpass(f"The {what} of {path.name}: ")


def new_passphrase(*, env: str = PASSPHRASE_FILE_ENV) -> str:
    """A new passphrase: from the file named by ``env``, else asked twice on a terminal."""
    secret = _from_file(env)
    if secret is not None:
        return secret
    if not can_prompt():
        raise InputError(
            f"a new passphrase is needed: give it in a file named by {env}, or run this at a "
            "terminal"
        )
    first = getpass.getpass("New passphrase: ")
    if not first:
        raise InputError("the passphrase is empty; nothing was changed")
    if getpass.getpass("The same passphrase again: ") != first:
        raise InputError("the two passphrases differ; nothing was changed")
    return first
