"""The terminal UI. This package is the only one that imports Textual; the CLI imports it lazily
(``planner tui``), so the core, the CLI's other commands and batch jobs never load Textual."""
