"""The notes database of this session: opened once, at the platform's data location.

The folder is Qt's ``AppDataLocation`` (``DOSSIER_DATA_DIR`` wins, as in the core).
A store that cannot be written (locked, read-only) is used for reading; one that
cannot be trusted (damaged, from a newer version) is not used at all. Either way the
reader is told once, in one line, and the file is left as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QWidget

from dossier.core.notes import NotesStoreError, OpenedStore, notes_path, open_store
from dossier.ui import messages

_session: dict[Path, OpenedStore] = {}
_told: set[Path] = set()
_hooked: list[QCoreApplication] = []


def store_path() -> Path:
    """Where the notes database is: ``DOSSIER_DATA_DIR``, else Qt's AppDataLocation."""
    if os.environ.get("DOSSIER_DATA_DIR"):
        return notes_path()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return notes_path(Path(location)) if location else notes_path()


def session_store() -> OpenedStore:
    """The notes database, opened on first use and kept open for the session."""
    path = store_path()
    opened = _session.get(path)
    if opened is None:
        opened = _session[path] = open_store(path)
        app = QCoreApplication.instance()
        if app is not None and app not in _hooked:
            _hooked.append(app)
            app.aboutToQuit.connect(close_session)  # closed cleanly (WAL checkpointed)
    return opened


def tell_once(opened: OpenedStore, parent: QWidget | None) -> None:
    """Say once per session why the notes cannot be written (nothing when they can)."""
    error = opened.error
    if error is None or error.path in _told:
        return
    _told.add(error.path)
    messages.warning("Notes not available", describe(error, opened), parent=parent)


def describe(error: NotesStoreError, opened: OpenedStore) -> str:
    """One plain sentence: what is wrong and what the reader can still do."""
    still = (
        "Your notes are shown but cannot be changed in this session."
        if opened.store is not None
        else "The dossier opens without notes; the file was left untouched."
    )
    return f"{error.reason[:1].upper()}{error.reason[1:]}: {error.path}. {still}"


def close_session() -> None:
    """Close the database (as quitting the app does); the next use opens it again."""
    for opened in _session.values():
        if opened.store is not None:
            opened.store.close()
    _session.clear()
    _told.clear()
