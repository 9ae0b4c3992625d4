"""Mentor feedback: reading every file format, importing all or nothing, the inbox, requests."""
