"""The terminal front end (Textual)."""
