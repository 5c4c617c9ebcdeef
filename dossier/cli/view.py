"""``dossier [view [PATH]]``: open the viewer on a dossier, a folder, or the bundled one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dossier.cli.common import UserError, has_display


def run_view(path: Path | None, trusted: Sequence[Path] = ()) -> int:
    """Check what can be checked before Qt starts, then run the viewer until it quits.

    ``trusted``: folders trusted for this session (``--trust``), besides those the
    viewer's settings keep.
    """
    if path is not None and not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if not has_display():
        raise UserError(
            "no display to open the viewer on (DISPLAY and WAYLAND_DISPLAY are unset); "
            "`dossier export` and `dossier screenshot` work without one"
        )
    from dossier.ui.app import run_viewer

    return run_viewer(path, trusted)
