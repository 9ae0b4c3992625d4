"""Journals in and out: jrnl, Day One and Markdown readers, the archive, import and export."""
