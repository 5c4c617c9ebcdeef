"""Keeping the search cache small and private: forgetting it on request, and dropping
the databases of libraries that no longer exist."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from dossier.core.logs import get_logger
from dossier.core.records import TYPE_CHECKING
from dossier.core.search.store import SCHEMA_VERSION, cache_dir, from_sql

if TYPE_CHECKING:
    from pathlib import Path

log = get_logger("dossier.search")

_SUFFIXES = ("", "-wal", "-shm", "-journal")


def search_folder(root: Path | None = None) -> Path:
    """The folder that holds the search databases."""
    return (root or cache_dir()) / "search"


def _unlink(path: Path | str, refused: list[OSError]) -> int | None:
    """Delete ``path``; its size, or None when it is not there (or when it stays: then
    its error is added to ``refused``)."""
    try:
        size = os.lstat(path).st_size
        os.unlink(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        refused.append(error)
        return None
    return size


def _remove(database: Path | str, refused: list[OSError]) -> tuple[int, int]:
    """Delete a database and its companions; (files, bytes) removed."""
    files = size = 0
    for suffix in _SUFFIXES:
        removed = _unlink(f"{database}{suffix}", refused)
        if removed is not None:
            files, size = files + 1, size + removed
    return files, size


def removed_text(files: int, size: int) -> str:
    """What :func:`forget` removed, in words: "1 file, 1.4 MB"."""
    return f"{files} file{'' if files == 1 else 's'}, {size / 1e6:.1f} MB"


def forget(root: Path | None = None) -> tuple[Path, int, int]:
    """Delete every search database; return the folder, and the files and bytes removed.

    A database another process has open is deleted all the same (that process goes on
    with its open file, which disappears when it closes). OSError when a file stays (a
    read-only folder): the reader must not be told the cache is gone when it is not.
    """
    folder = search_folder(root)
    files = size = 0
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return folder, 0, 0
    refused: list[OSError] = []
    for name in names:
        if name.startswith("index-") and name.endswith(".sqlite"):
            removed = _remove(folder / name, refused)
            files, size = files + removed[0], size + removed[1]
    for name in names:  # companions whose database was gone already
        if name.startswith("index-") and name.endswith(_SUFFIXES[1:]):
            removed_size = _unlink(folder / name, refused)
            if removed_size is not None:
                files, size = files + 1, size + removed_size
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when nothing else is left in it
    if refused:
        first = refused[0]
        raise OSError(first.errno, f"{len(refused)} file(s) could not be deleted: "
                      f"{first.strerror}", str(folder))  # fmt: skip
    return folder, files, size


def _folders_of(database: str) -> list[str] | None:
    """The library folders a database was written for (None when it cannot say)."""
    from pathlib import Path

    try:
        # Immutable: no locks, no WAL to replay (waiting on another reader's lock
        # cost a search milliseconds per library). The folders are written with the
        # database and never change; a value not yet in the main file reads as none,
        # and a database that cannot say is kept.
        uri = f"{Path(database).as_uri()}?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.1)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'folders'").fetchone()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return None if row is None else [f for f in from_sql(row[0]).split("\n") if f]


def sweep(current: str) -> int:
    """Drop the databases beside ``current`` of an older schema, or whose dossier
    folders are all gone (their text outlives the dossiers otherwise); return how
    many went. (On strings: a warm search beside no other database makes no Path.)"""
    removed = 0
    folder = os.path.dirname(current)
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    prefix = f"index-v{SCHEMA_VERSION}-"
    for name in names:
        database = os.path.join(folder, name)
        if not (name.startswith("index-") and name.endswith(".sqlite")) or database == current:
            continue
        if name.startswith(prefix):
            folders = _folders_of(database)
            if folders is None or any(os.path.isdir(folder) for folder in folders):
                continue
        log.info("search cache: dropping %s (its dossiers are gone)", database)
        _remove(database, [])  # best effort: a file that stays is tried again next time
        removed += 1
    return removed
