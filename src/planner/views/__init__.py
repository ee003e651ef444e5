"""Text and JSON views of a programme, for the command line (no Textual here)."""
