"""PyInstaller entry point of the console program (``plnjournal``): the command line."""

import sys

from plnjournal.cli import run

if __name__ == "__main__":
    sys.exit(run())
