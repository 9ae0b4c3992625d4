"""File ▸ Import journal… and Export journal…: the dialogs and the import preview."""
