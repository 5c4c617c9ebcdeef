"""The notes database of this session: opened once, at the platform's data location.

The folder is Qt's ``AppDataLocation`` (``DOSSIER_DATA_DIR`` wins, as in the core).
A store that cannot be written (locked, read-only) is used for reading; one that
cannot be trusted (damaged, from a newer version) is not used at all. Either way the
reader is told once, in one line, and the file is left as it was.

Windows share the one connection: each holds it with a :class:`Hold`, let go when the
window closes or is destroyed, and the last one let go closes the database, as
quitting the app does. Whatever reads the notes without a window (the notes choice of
the Export dialog) borrows them for the moment (:func:`borrowed`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import QWidget

from dossier.core.notes import NotesStoreError, OpenedStore, notes_path, open_store
from dossier.ui import messages

_session: dict[Path, OpenedStore] = {}
_holds: dict[Path, set[Hold]] = {}
_told: set[Path] = set()
_hooked: list[QCoreApplication] = []


def store_path() -> Path:
    """Where the notes database is: ``DOSSIER_DATA_DIR``, else Qt's AppDataLocation."""
    if os.environ.get("DOSSIER_DATA_DIR"):
        return notes_path()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return notes_path(Path(location)) if location else notes_path()


class Hold:
    """One window's hold on the session's notes database."""

    def __init__(self, path: Path, opened: OpenedStore) -> None:
        self.path = path
        self.opened = opened

    def release(self) -> None:
        """Let go (again is harmless); the last hold let go closes the database."""
        holds = _holds.get(self.path)
        if holds is None or self not in holds:
            return  # let go already, or the session was closed under it
        holds.discard(self)
        if not holds:
            del _holds[self.path]
            _close(self.path)


def hold(owner: QObject) -> Hold:
    """The notes database for ``owner``, open until the hold is released or ``owner``
    is destroyed (then the last holder closes it), or until the app quits."""
    path = store_path()
    held = Hold(path, _open(path))
    _holds.setdefault(path, set()).add(held)
    owner.destroyed.connect(lambda *_: held.release())
    return held


@contextmanager
def borrowed() -> Iterator[OpenedStore]:
    """The notes database for a moment: the one a window holds, else opened for the
    use and closed after it."""
    path = store_path()
    if path in _session:
        yield _session[path]
        return
    opened = open_store(path)
    try:
        yield opened
    finally:
        if opened.store is not None:
            opened.store.close()


def _open(path: Path) -> OpenedStore:
    opened = _session.get(path)
    if opened is None:
        opened = _session[path] = open_store(path)
        app = QCoreApplication.instance()
        if app is not None and app not in _hooked:
            _hooked.append(app)
            app.aboutToQuit.connect(close_session)  # closed cleanly (WAL checkpointed)
    return opened


def _close(path: Path) -> None:
    opened = _session.pop(path, None)
    if opened is not None and opened.store is not None:
        opened.store.close()


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
    """Close the database (as quitting the app does), whoever holds it; the next use
    opens it again."""
    for path in list(_session):
        _close(path)
    _holds.clear()
    _told.clear()
