"""PyInstaller entry point of the windowed program (``plnjournal-gui``): no console on Windows."""

import sys

from plnjournal.cli import run_window

if __name__ == "__main__":
    sys.exit(run_window())
