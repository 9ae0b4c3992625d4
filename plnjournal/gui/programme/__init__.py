"""Programme mode in the window: File ▸ Programme…, the sync status line, the share toggle."""
