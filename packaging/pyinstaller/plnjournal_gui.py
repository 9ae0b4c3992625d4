"""PyInstaller entry point of the windowed program (``plnjournal-gui``): no console on Windows."""

import sys

from plnjournal.gui.app import run_gui_entry

if __name__ == "__main__":
    sys.exit(run_gui_entry())
