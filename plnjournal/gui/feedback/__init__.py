"""The Feedback window and menu: import dialog, inbox, requests to mentors."""
