"""Timing helpers shared by the benches: wall and CPU time of in-process work and of whole
processes (with the child's peak memory), summaries, and a description of the machine.

The machine is often shared, so every figure carries CPU time beside wall time: wall time
stretches with other work, CPU time is what the work itself costs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BYTECODE = Path(__file__).resolve().parent / "out" / "pycache"


def installed_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) as an installed app runs: with compiled bytecode.

    pip compiles every module of a package it installs, so a user's start never compiles
    source; a checkout with ``PYTHONDONTWRITEBYTECODE`` set (as on the team's machines)
    would compile all of ours on every start (~0.15 s of a window's start). The benches'
    processes cache bytecode under bench/out/pycache instead, and their warm-up run fills it.
    """
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return env


@dataclass
class Result:
    """Repeated measurements of one thing at one size."""

    name: str
    size: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "size": self.size,
            "median_s": round(statistics.median(self.wall), 6),
            "min_s": round(min(self.wall), 6),
            "max_s": round(max(self.wall), 6),
            "cpu_median_s": round(statistics.median(self.cpu), 6) if self.cpu else None,
            "runs": len(self.wall),
        }


@dataclass
class Memory:
    """Peak resident memory of a process, in megabytes, over repeated runs."""

    name: str
    size: str
    mb: list[float] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "size": self.size,
            "median_mb": round(statistics.median(self.mb), 1),
            "min_mb": round(min(self.mb), 1),
            "max_mb": round(max(self.mb), 1),
            "runs": len(self.mb),
        }


def repeat(fn: Callable[[], object], runs: int, warmup: int = 1) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``fn`` in this process, ``runs`` times after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return wall, cpu


@dataclass
class Process:
    """One finished child process: wall and CPU seconds, peak memory, what it printed."""

    wall: float
    cpu: float
    maxrss_mb: float
    returncode: int
    stdout: str
    stderr: str
    started: float  # time.monotonic() just before it was started


SPAWN = Path(__file__).resolve().parent / "spawn.py"


def run_process(
    cmd: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
    timeout: float = 600,
) -> Process:
    """Run ``cmd`` to its end through bench/spawn.py, which reports the command's own wall
    time, CPU time and peak memory (not the bench's; see spawn.py)."""
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        report = Path(tmp) / "report.json"
        helper = [sys.executable, "-S", str(SPAWN), str(report), *map(str, cmd)]
        proc = subprocess.run(
            helper,
            env=installed_env(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            timeout=timeout,
            check=False,
        )
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        if proc.returncode != 0 or not report.exists():
            raise RuntimeError(f"could not run {' '.join(map(str, cmd[:6]))}…:\n{stderr[-3000:]}")
        got = json.loads(report.read_text())
    if check and got["returncode"] != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd[:6]))}… exited {got['returncode']}:\n{stderr[-3000:]}"
        )
    return Process(
        wall=got["wall"],
        cpu=got["cpu"],
        maxrss_mb=got["maxrss_kb"] / 1024,
        returncode=got["returncode"],
        stdout=stdout,
        stderr=stderr,
        started=got["started"],
    )


def summary(values: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100), nearest rank: what one keystroke in twenty exceeds."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    """``nproc``, the CPU model and the load average now."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu_model": model,
        "load_average": load_average(),
    }
