"""One exception family whose message is written for the user, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class PlnError(Exception):
    """An error the user can read and act on; ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            # The class's code unless the raiser knows better: a storage error that comes
            # from what the user gave (a folder, a text file as the journal) is bad input, 2.
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class InputError(PlnError):
    """Bad input from the user: a wrong date, an unknown skill, a bad option (exit 2)."""

    exit_code = 2


class StorageError(PlnError):
    """The database cannot be used as it is: locked, read-only, damaged, too new, not a database."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer PLN Journal; we refuse rather than risk damaging it."""


class WrongPassphrase(PlnError):
    """The passphrase or recovery key given does not open the encrypted journal (exit 2)."""

    exit_code = 2


class JournalLocked(PlnError):
    """The journal is encrypted and no key for it is known in this process yet: said before
    SQLite could call it "not a database" (exit 2: the passphrase is the missing input)."""

    exit_code = 2


class DatabaseDamaged(StorageError):
    """The file is not a database or fails SQLite's integrity check.

    ``good_backup`` is the newest backup that passed its own check (a ``BackupInfo``), so the
    front ends can offer to restore it; the damaged file is never changed.
    """

    def __init__(
        self,
        message: str,
        *,
        path: object = None,
        good_backup: object = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message, exit_code=exit_code)
        self.path = path
        self.good_backup = good_backup


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located so the user can find and fix it."""

    file: str
    line: int | None
    column: str | int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column not in (None, ""):
            return f"{where}: {self.column}: {self.message}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as ``--json`` prints it."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class ValidationError(InputError):
    """A file with one or more problems; nothing from it was written."""

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = len(self.problems) - 1
        text = summary or first
        if more > 0 and summary is None:
            text += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(text)
