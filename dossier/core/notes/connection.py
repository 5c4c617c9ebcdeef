"""Opening the notes database's SQLite connection, checking it, and naming what went wrong.

A database is inspected (:func:`checked_version`) before it is ever written to; every SQLite
or OS error becomes a :class:`NotesStoreError` of one kind with a sentence the reader
can act on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dossier.core.notes import schema
from dossier.core.notes.errors import NotesStoreError, StoreProblem


def kind_of(error: sqlite3.Error) -> StoreProblem:
    """Which kind of problem an SQLite error reports."""
    message = str(error).lower()
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (5, 6) or "locked" in message or "busy" in message:
        return "locked"
    if code == 8 or "readonly" in message or "read-only" in message:
        return "read-only"
    if code in (11, 26) or "malformed" in message or "not a database" in message:
        return "corrupt"
    return "unavailable"


REASONS: dict[StoreProblem, str] = {
    "locked": "the notes database is locked by another program",
    "read-only": "the notes database cannot be written (read-only)",
    "corrupt": "the notes database is damaged and was left untouched",
    "newer": "the notes database is from a newer version of the app",
    "unavailable": "the notes database cannot be opened",
}


def store_error(path: Path, error: sqlite3.Error | OSError) -> NotesStoreError:
    if isinstance(error, OSError):
        kind: StoreProblem = "read-only" if isinstance(error, PermissionError) else "unavailable"
        detail = error.strerror or str(error)
    else:
        kind = kind_of(error)
        detail = str(error)
    return NotesStoreError(kind, path, f"{REASONS[kind]} ({detail})")


@contextlib.contextmanager
def closed_on_failure(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close ``conn`` if setting it up fails, so no half-opened database is left open;
    an SQLite error is reported as a :class:`NotesStoreError`."""
    try:
        yield
    except sqlite3.Error as error:
        conn.close()
        raise store_error(path, error) from None
    except BaseException:
        conn.close()
        raise


def connect(
    path: Path, timeout: float, *, read_only: bool, immutable: bool = False
) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    if immutable:
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)  # fmt: skip
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_for_reading(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection, also to a database in a folder this user cannot write.

    SQLite reads a WAL database through a ``-shm`` file it creates beside it; on a
    read-only mount or in a colleague's shared folder it cannot, and refuses even to
    read. With no ``-wal`` or ``-journal`` beside it holding changes not yet in the
    database (a store closed cleanly leaves none), the file is the whole of it:

    - on a read-only file system nobody can change it, and ``immutable=1`` reads it
      as it stands;
    - elsewhere its owner may still write it, and a connection told the file never
      changes could read a half-written page: it is copied into memory, the copy kept
      only if the file did not change meanwhile. The notes shown are then as they were
      when opened, which a read-only store says anyway.
    """
    conn = connect(path, timeout, read_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as error:
        conn.close()
        cannot_open = (getattr(error, "sqlite_errorcode", 0) & 0xFF) == 14 or (
            "unable to open" in str(error)
        )
        if not (cannot_open or kind_of(error) == "read-only"):
            raise
    if _has_changes(path):
        raise NotesStoreError(
            "unavailable",
            path,
            f"{REASONS['unavailable']}: changes not yet written into it wait in a file "
            "beside it, which only a program that may write in its folder can fold in",
        )
    if _read_only_file_system(path):
        return connect(path, timeout, read_only=True, immutable=True)
    return _snapshot(path, timeout)


def _snapshot(path: Path, timeout: float) -> sqlite3.Connection:
    """The database at ``path`` copied into memory, or OperationalError when it changed
    while it was copied."""
    before = _signature(path)
    source = connect(path, timeout, read_only=True, immutable=True)
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        with contextlib.closing(source):
            source.backup(copy)
        if _signature(path) != before or _has_changes(path):
            raise sqlite3.OperationalError("the database changed while it was read")
        copy.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        copy.close()
        raise
    return copy


def _signature(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns, found.st_ino


def _read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def _has_changes(path: Path) -> bool:
    """Whether a ``-wal`` or a ``-journal`` beside ``path`` may hold committed changes
    (or cannot be looked at, which counts as may)."""
    for suffix in ("-wal", "-journal"):
        try:
            if path.with_name(path.name + suffix).stat().st_size > 0:
                return True
        except FileNotFoundError:
            continue
        except OSError:
            return True
    return False


def checked_version(conn: sqlite3.Connection, path: Path) -> int:
    """The database's schema version, after checking that it is a healthy notes database."""
    found = schema.version(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if found > schema.SCHEMA_VERSION:
        raise NotesStoreError(
            "newer", path, f"{REASONS['newer']} (schema {found}; this version reads up to "
            f"{schema.SCHEMA_VERSION}); it was left untouched",
        )  # fmt: skip
    if found == 0 and tables:
        raise NotesStoreError("corrupt", path, "this file is not a notes database; left untouched")
    if found > 0 and not tables >= schema.TABLES:
        raise NotesStoreError("corrupt", path, f"{REASONS['corrupt']} (tables are missing)")
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    if problems != ["ok"]:
        raise NotesStoreError("corrupt", path, f"{REASONS['corrupt']} ({problems[0]})")
    return found
