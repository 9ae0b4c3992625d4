"""PLN Journal side by side with jrnl, on the same journal, as whole processes.

jrnl is installed from PyPI into the bench's own virtual environment (``bench/.venv-jrnl``,
made on demand, never a project dependency) and pointed at the generated jrnl text through a
generated configuration (``XDG_CONFIG_HOME`` in a scratch folder, no encryption, no colours).
Each pair of commands runs alternately — ours first on even runs, jrnl's first on odd ones —
so a change in the machine's load falls on both alike. Both work on copies of the journal, so
adding entries leaves the generated files as they were.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from measure import run_process

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = BENCH / ".venv-jrnl"
JRNL_VERSION = "4.6"  # pinned: the figures compare against this release
WARMUP = 1  # runs of each pair before the measured ones
SEARCH_WORD = "feedback"
NEW_ENTRY = "Bench entry. A short note on the day: the plenary finally happened."

CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '{version}'
"""


def jrnl_executable(install: bool) -> Path | None:
    """jrnl in the bench's virtual environment; installed first if asked and missing."""
    exe = VENV / "bin" / "jrnl"
    if exe.exists():
        return exe
    if not install:
        return None
    print(f"installing jrnl {JRNL_VERSION} into {VENV} (once)…", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"],
        check=True,
    )
    return exe


@dataclass
class Side:
    """One program's half of a comparison: how to run a command, and where its files are."""

    name: str
    env: dict[str, str]
    prefix: list[str]


@dataclass
class Comparison:
    name: str
    size: str
    ours: list[tuple[float, float, float]]  # (wall, cpu, peak MB) per run
    theirs: list[tuple[float, float, float]]

    def to_json(self) -> dict:
        def med(rows: list, i: int) -> float:
            return statistics.median(r[i] for r in rows)

        ours, theirs = med(self.ours, 0), med(self.theirs, 0)
        cpu_ours, cpu_theirs = med(self.ours, 1), med(self.theirs, 1)
        return {
            "name": self.name,
            "size": self.size,
            "plnjournal_s": round(ours, 4),
            "jrnl_s": round(theirs, 4),
            "ratio": round(ours / theirs, 3),
            "plnjournal_cpu_s": round(cpu_ours, 4),
            "jrnl_cpu_s": round(cpu_theirs, 4),
            "cpu_ratio": round(cpu_ours / cpu_theirs, 3),
            "plnjournal_peak_mb": round(med(self.ours, 2), 1),
            "jrnl_peak_mb": round(med(self.theirs, 2), 1),
            "runs": len(self.ours),
        }


def sides(db: Path, jrnl_text: Path, scratch: Path, jrnl: Path) -> tuple[Side, Side]:
    """Copies of both journals in ``scratch``, and how to run each program on its copy."""
    scratch.mkdir(parents=True, exist_ok=True)
    from plnjournal.storage.backup import copy_database

    our_db = copy_database(db, scratch / "ours.sqlite3")
    their_text = scratch / "jrnl.txt"
    shutil.copyfile(jrnl_text, their_text)
    config = scratch / "xdg"
    (config / "jrnl").mkdir(parents=True, exist_ok=True)
    (config / "jrnl" / "jrnl.yaml").write_text(
        CONFIG.format(journal=their_text, version=JRNL_VERSION), encoding="utf-8"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PLNJOURNAL_", "XDG_"))}
    ours = Side(
        "plnjournal",
        {**base, "PYTHONPATH": str(ROOT), "PLNJOURNAL_HOME": str(scratch / "home")},
        [sys.executable, "-m", "plnjournal", "--db", str(our_db)],
    )
    theirs = Side(
        "jrnl",
        {**base, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(config)},
        [str(jrnl)],
    )
    return ours, theirs


COMMANDS = {
    # name: (our arguments, jrnl's arguments)
    "search_word": (
        ["search", SEARCH_WORD, "--limit", "20"],
        ["-contains", SEARCH_WORD, "-n", "20"],
    ),
    "show_last": (["show", "-n", "1"], ["-n", "1"]),
    "add_entry": (["add", NEW_ENTRY], [NEW_ENTRY]),
}


def compare(
    size: str,
    db: Path,
    jrnl_text: Path,
    scratch: Path,
    jrnl: Path,
    runs: int,
    commands: tuple[str, ...] = tuple(COMMANDS),
    timeout: float = 3600,
) -> Iterator[Comparison]:
    """Each command's comparison as soon as it is done (jrnl takes minutes at 100,000)."""
    ours, theirs = sides(db, jrnl_text, scratch, jrnl)
    for name in commands:
        our_args, their_args = COMMANDS[name]
        pair = [(ours, our_args), (theirs, their_args)]
        got: dict[str, list] = {"plnjournal": [], "jrnl": []}
        for run in range(WARMUP + runs):
            order = pair if run % 2 == 0 else pair[::-1]
            for side, args in order:
                p = run_process([*side.prefix, *args], env=side.env, timeout=timeout)
                if run >= WARMUP:
                    got[side.name].append((p.wall, p.cpu, p.maxrss_mb))
        yield Comparison(name, size, got["plnjournal"], got["jrnl"])
