"""The daily journaling view: calendar, the day's reflections, editor, nudge and side panels."""
