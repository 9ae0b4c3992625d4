"""A trainee's sync in its own process, for the kill tests: prints READY once the journal is
open (the parent kills it at some point after), then PUSH, FETCH and STORE as those steps return, and DONE with the result."""

from __future__ import annotations

import json
import os
import sys

from plnjournal.programme import sync as sync_module
from plnjournal.programme.sync import sync
from plnjournal.storage.db import open_database


def _say_after(name: str) -> None:
    """Print ``name`` in capitals once that step of the sync has returned."""
    step = getattr(sync_module, name)

    def run(*args, **kwargs):
        result = step(*args, **kwargs)
        print(name.upper(), flush=True)
        return result

    setattr(sync_module, name, run)


def main() -> None:
    for name in ("push", "fetch", "store"):
        _say_after(name)
    db = open_database(sys.argv[1])
    print("READY", flush=True)
    result = sync(db, password=os.environ["PLN_TEST_PASSWORD"])
    print("DONE " + json.dumps(result.as_json()), flush=True)
    db.close()


if __name__ == "__main__":
    main()
