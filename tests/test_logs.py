"""The app's log file: what is logged before it opens (during the window's start) is kept."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from plnjournal import logs


@pytest.fixture
def fresh_log(monkeypatch: pytest.MonkeyPatch):
    root = logging.getLogger("plnjournal")
    before = list(root.handlers)
    monkeypatch.setattr(logs, "_handler", None)
    monkeypatch.setattr(logs, "_handler_path", None)
    monkeypatch.setattr(logs, "_early", None)
    yield
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_records_logged_before_the_file_opens_are_written_first(fresh_log, _isolated_home: Path):
    logs.hold_early_records()
    logging.getLogger("plnjournal.gui.shell.app_guard").info("restored the journal at start-up")
    path = logs.setup_logging()
    logging.getLogger("plnjournal").info("after the first paint")
    for handler in logging.getLogger("plnjournal").handlers:
        handler.flush()
    assert path == _isolated_home / "logs" / "plnjournal.log"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "restored the journal at start-up",
        "after the first paint",
    ]
    assert "plnjournal.gui.shell.app_guard" in lines[0]
