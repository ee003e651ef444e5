"""Files a command is asked to write, checked before any work is done, so that a refused target
leaves nothing half done: a profile is overwritten only when the planner wrote it (or with
``force``)."""

from __future__ import annotations

from pathlib import Path

from planner.export.writers import existing_bytes, not_ours
from planner.interests.storage import MARKER as PROFILE_MARKER


def check_profile_target(path: Path, force: bool = False) -> None:
    """Refuse to save a profile over a file that is not a profile the planner saved."""
    data = existing_bytes(Path(path))
    if data is None or force:
        return
    if not data.lstrip(b"\xef\xbb\xbf").startswith(PROFILE_MARKER.encode()):
        raise not_ours(path)
