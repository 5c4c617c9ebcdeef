"""Load a dossier file or a folder of them in the background, so the window stays usable.

Imported on first open: it brings in the loader (and YAML), which the first paint
does not need.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dossier.core.library import Library, load_library
from dossier.ui import operations


def load(path: Path) -> Library:
    """Load ``path`` now, on the calling thread."""
    return load_library(path)


def load_in_background(
    path: Path,
    on_loaded: Callable[[Library], object],
    on_failure: Callable[[BaseException], object],
    parent: QWidget | None,
) -> operations.Operation[Library]:
    """Load ``path`` off the GUI thread; the callbacks run on the GUI thread."""
    return operations.run(
        lambda: load_library(path), on_loaded, on_failure, parent=parent, what=str(path)
    )
