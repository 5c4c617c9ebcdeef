"""Where the notes database lives, computed the way Qt's ``AppDataLocation`` would be.

The core cannot ask Qt, so this repeats its rule for Linux: ``$XDG_DATA_HOME`` (when
absolute) or ``~/.local/share``, then organisation and application name. The names
must stay equal to those in ``dossier/ui/settings.py`` (the core may not import it).
``DOSSIER_DATA_DIR`` overrides the whole folder, for tests and scripts.
"""

from __future__ import annotations

import os
from pathlib import Path

ORGANIZATION = "briefing-dossier"
APPLICATION = "Dossier Viewer"
FILE_NAME = "notes.sqlite3"


def data_dir() -> Path:
    """The app's data folder (DOSSIER_DATA_DIR, else the XDG data location)."""
    explicit = os.environ.get("DOSSIER_DATA_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


def notes_path(folder: Path | None = None) -> Path:
    """The notes database in ``folder`` (by default :func:`data_dir`)."""
    return (folder or data_dir()) / FILE_NAME
