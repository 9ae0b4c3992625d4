"""Running ``writer_child.py`` in its own process and reading what it says it committed."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

SCRIPT = Path(__file__).with_name("writer_child.py")


class Child:
    """A writer process whose stdout lines arrive on a queue as they are printed."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-u", str(SCRIPT), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def next_line(self, timeout: float = 60) -> str | None:
        """The next line printed, or None when the process has ended."""
        line = self._queue.get(timeout=timeout)
        if line is not None:
            self.lines.append(line)
        return line

    def wait_for(self, prefix: str, timeout: float = 60) -> str:
        while True:
            line = self.next_line(timeout)
            if line is None:
                raise AssertionError(f"child ended before {prefix!r}: {self.stderr()}")
            if line.startswith(prefix):
                return line

    def kill(self) -> None:
        """SIGKILL: no clean-up, no flush, no rollback: what a power cut looks like to SQLite."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.drain()

    def finish(self, timeout: float = 120) -> int:
        code = self.proc.wait(timeout=timeout)
        self.drain()
        return code

    def drain(self) -> None:
        self._reader.join(timeout=30)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                return
            if line is not None:
                self.lines.append(line)

    def stderr(self) -> str:
        assert self.proc.stderr is not None
        if self.proc.poll() is None:
            return ""
        return self.proc.stderr.read()


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` as a fresh process would see it (after WAL recovery)."""
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM entries ORDER BY id")]
    finally:
        conn.close()
