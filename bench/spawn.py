"""Run one command and write its own wall time, CPU time and peak memory to a file.

    python -S bench/spawn.py REPORT.json COMMAND [ARG…]

Why a helper: on Linux a child's peak memory (``ru_maxrss``) starts at its parent's size when
it is spawned, so a command started straight from the bench (which holds Qt and matplotlib)
would seem as big as the bench. This small process spawns it instead; it is started with
``-S`` so it stays a few megabytes, and it times the command alone, not its own start.
"""

import json
import os
import sys
import time

report, argv = sys.argv[1], sys.argv[2:]
started = time.monotonic()
t0 = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(report, "w") as fh:
    json.dump(
        {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "maxrss_kb": usage.ru_maxrss,
            "started": started,
            "returncode": os.waitstatus_to_exitcode(status),
        },
        fh,
    )
