"""A rotating log file in the user log folder; unexpected errors are written there."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from plnjournal.paths import log_dir

_configured = False


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log to a rotating file; returns its path (None if it cannot be written)."""
    global _configured
    path = log_dir() / "plnjournal.log"
    if _configured:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("plnjournal")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
    return path


def log_exception(exc: BaseException) -> str:
    """Write ``exc`` with its traceback to the log; return where it went, for the message."""
    path = setup_logging()
    text = "".join(traceback.format_exception(exc))
    logging.getLogger("plnjournal").error("unexpected error\n%s", text)
    return str(path) if path else "the log (could not be written)"
