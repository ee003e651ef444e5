"""Widgets of the terminal UI, each in its own module."""
