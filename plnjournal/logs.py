"""A rotating log file in the user log folder; unexpected errors are written there, without
the words of the journal.

A reflective journal names patients, pupils and colleagues; its log lies around in the user's
log folder, is attached to bug reports and outlives an encrypted journal's lock. So the log
never holds entry text, comments or search queries: the app's own messages name ids, counts
and paths only, and an error's traceback keeps where it happened (file, line, code) and what
it was (its type) but not its message, which may quote the user's text (``ValueError:
invalid literal for int(): 'the patient in bay 3'``), except for the kinds of error whose
message is about the code or the file system (``SAFE_MESSAGES``).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plnjournal.lazy import lazy_module
from plnjournal.paths import log_dir

if TYPE_CHECKING:
    import logging.handlers as logging_handlers
else:
    # Off the window's first paint (the window opens the file after it): logging.handlers pulls
    # in sockets and pickling (docs/performance.md, "Where the start-up deferrals are, and
    # what each saves"); records logged meanwhile are held by ``_Early``.
    logging_handlers = lazy_module("logging.handlers")

# Errors whose message speaks of the program or the disk, never of the data it was handling.
SAFE_MESSAGES: tuple[type[BaseException], ...] = (
    AttributeError,
    NameError,
    ImportError,
    NotImplementedError,
    RecursionError,
    MemoryError,
    ZeroDivisionError,
)

_handler: logging.Handler | None = None
_handler_path: Path | None = None
EARLY_LIMIT = 1000  # records held before the file opens; more are not worth the memory


class _Early(logging.Handler):
    """Holds what is logged before the log file opens (the window opens it after its first
    paint), for ``setup_logging`` to write first."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_LIMIT:
            self.records.append(record)


_early: _Early | None = None


def hold_early_records(level: int = logging.INFO) -> None:
    """Keep the app's log records until ``setup_logging`` opens the file (the window's start
    does not wait for ``logging.handlers``)."""
    global _early
    if _handler is not None or _early is not None:
        return
    _early = _Early()
    root = logging.getLogger("plnjournal")
    root.addHandler(_early)
    root.setLevel(level)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log to a rotating file; returns its path (None if it cannot be written).

    Called again with another log folder (``PLNJOURNAL_HOME`` changed, as between tests), it
    moves the file there, so the path it returns is always where the log really goes.
    """
    global _handler, _handler_path, _early
    path = log_dir() / "plnjournal.log"
    if _handler is not None and _handler_path == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging_handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("plnjournal")
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    root.setLevel(level)
    _handler, _handler_path = handler, path
    if _early is not None:
        root.removeHandler(_early)
        for record in _early.records:
            handler.handle(record)
        _early = None
    return path


def error_words(exc: BaseException) -> str:
    """What the log may say of ``exc`` beyond its type: its message when that is about the
    program (``SAFE_MESSAGES``), the error number and system words of an OSError, SQLite's
    error code, else only how long the message was."""
    if isinstance(exc, SAFE_MESSAGES):
        return str(exc)
    if isinstance(exc, OSError):  # not the file names: they may be the user's titles
        return f"[errno {exc.errno}] {exc.strerror}" if exc.errno else "(no error number)"
    code = getattr(exc, "sqlite_errorname", None) or getattr(
        getattr(exc, "orig", None), "sqlite_errorname", None
    )
    said = str(exc)
    withheld = f"(message of {len(said)} characters left out: it may quote the journal)"
    return f"{code} {withheld}" if code else withheld if said else ""


def private_traceback(exc: BaseException) -> str:
    """``exc``'s traceback as the log keeps it: every frame (file, line, function, the line of
    code) and each chained error's type, with its message only as ``error_words`` allows."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = exc
    how = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, how))
        if current.__cause__ is not None:
            current, how = current.__cause__, "The above was the direct cause of"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, how = current.__context__, "During the handling of the above came"
        else:
            current = None
    link = ""
    for error, how in reversed(chain):
        if link:
            lines.append(f"\n{link} the error below:\n\n")
        link = how
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(traceback.extract_tb(error.__traceback__)))
        kind = type(error)
        name = (
            kind.__qualname__
            if kind.__module__ == "builtins"
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        words = error_words(error)
        lines.append(f"{name}: {words}\n" if words else f"{name}\n")
    return "".join(lines)


class PrivateFormatter(logging.Formatter):
    """The log file's formatter: an error's traceback without its message
    (``private_traceback``), whoever logs it (``log.exception`` included)."""

    def formatException(self, ei: Any) -> str:
        exc = ei[1] if isinstance(ei, tuple) else None
        if exc is None:
            return ""
        return private_traceback(exc).rstrip("\n")


def log_exception(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the log (without its message, which may quote the
    journal: ``private_traceback``); return where it went, for the message."""
    path = setup_logging()
    logging.getLogger("plnjournal").error("unexpected error", exc_info=exc)
    return str(path) if path else "the log (could not be written)"
