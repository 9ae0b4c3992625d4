"""File ▸ Export progress report…: the dialog and its list of reflections."""
