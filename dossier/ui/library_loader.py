"""Load a dossier file or a folder of them in the background, so the window stays usable.

Imported on first open: it brings in the loader (and YAML), which the first paint
does not need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dossier.core.library import Library, load_library
from dossier.ui import operations


def load(path: Path, trusted: Sequence[Path] = ()) -> Library:
    """Load ``path`` now, on the calling thread; ``trusted``: folders its dossiers may
    read sources from besides their own."""
    return load_library(path, trusted)


def load_in_background(
    path: Path,
    on_loaded: Callable[[Library], object],
    on_failure: Callable[[BaseException], object],
    parent: QWidget | None,
    trusted: Sequence[Path] = (),
) -> operations.Operation[Library]:
    """Load ``path`` off the GUI thread; the callbacks run on the GUI thread."""
    folders = tuple(trusted)
    return operations.run(
        lambda: load_library(path, folders), on_loaded, on_failure, parent=parent, what=str(path)
    )
