"""The app shell: start-up, the main window, one window per journal, crashes, backups."""
