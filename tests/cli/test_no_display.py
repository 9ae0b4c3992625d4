"""Without a display (over SSH, DISPLAY unset) the window refuses in one line, exit 1, and
creates nothing; the command-line commands work as before (issue 20, finding 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PLNJOURNAL_HOME"] = str(tmp_path / "home")
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.mark.skipif(sys.platform != "linux", reason="a display is always there elsewhere")
@pytest.mark.parametrize("argv", [[], ["gui", "--smoke-test"]])
def test_no_display_is_one_line_and_exit_1(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "j.sqlite3"
    r = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(db), *argv],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("plnjournal: error: no display to open the window on")
    assert "the command-line commands work without one" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not db.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="a display is always there elsewhere")
def test_commands_work_without_a_display(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "plnjournal", "--db", str(tmp_path / "j.sqlite3"), "demo"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("env", "platform", "shown"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_display_problem(env: dict[str, str], platform: str, shown: bool) -> None:
    from plnjournal.cli.window import display_problem

    assert (display_problem(env, platform) == "") is shown
