"""What a progress report says: its queries (privacy in SQL), content, HTML, charts and JSON."""
