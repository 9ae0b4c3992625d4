"""The window's side of an encrypted journal: unlocking, the app lock, the privacy settings."""
