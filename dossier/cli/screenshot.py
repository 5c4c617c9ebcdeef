"""``dossier screenshot``: the window on one tab, rendered offscreen and saved as a PNG."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dossier.cli.common import EXIT_OK, UserError, use_offscreen_without_display
from dossier.core.library import load_library
from dossier.core.notes.paths import notes_path
from dossier.core.output_paths import OutputPathError, check_not_read, check_output


def run_screenshot(
    dossier_path: Path,
    tab: str | None,
    size: tuple[int, int],
    output: Path,
    *,
    dark: bool = False,
    trusted: Sequence[Path] = (),
) -> int:
    """Write a PNG of the window on ``tab`` ("overview", a section id, "source:ID").

    ``dark`` (not on the command line) renders with a dark palette, to review it.
    ``trusted``: folders the dossier may read sources from (``--trust``).
    Returns 0; raises UserError with one line when it cannot, and DossierError when
    no dossier loads.
    """
    output = _checked(output)  # before loading anything: fail fast on a bad path
    library = load_library(dossier_path, trusted)
    try:
        check_not_read(output, library.dossiers, notes_path())
    except OutputPathError as error:
        raise UserError(str(error)) from None
    use_offscreen_without_display()
    from dossier.ui.screenshot import UnknownTabError, grab_window

    try:
        image = grab_window(dossier_path, library, tab, size, dark=dark)
    except UnknownTabError as error:
        valid = ", ".join(error.valid)
        raise UserError(f"unknown tab {error.tab!r}; valid tabs: {valid}") from None
    fd, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".png", dir=output.parent)
    os.close(fd)
    try:
        if not image.save(temp):
            raise UserError(f"{output}: could not write the image")
        os.replace(temp, output)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return EXIT_OK


def _checked(output: Path) -> Path:
    """The output, absolute, or UserError: not a .png, a link, a folder, a device."""
    try:
        return check_output(output, (".png",))
    except OutputPathError as error:
        raise UserError(str(error)) from None
