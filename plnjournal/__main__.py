"""Allows ``python -m plnjournal``."""

import sys

from plnjournal.cli import run

if __name__ == "__main__":
    sys.exit(run())
