"""The PySide6 front end: windows and dialogs over the core's services, a folder per window (docs/architecture.md)."""
