"""The notes database's files: created private (0600), and backed up once a day."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from datetime import date
from pathlib import Path

from dossier.core.logs import get_logger

log = get_logger("dossier.notes")

PRIVATE = 0o600
BACKUPS_KEPT = 7
COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database
_BACKUP = re.compile(r"\.backup-(\d{4}-\d{2}-\d{2})")


def create_private(path: Path) -> bool:
    """Create ``path`` empty with mode 0600, whatever the umask; False if it exists.

    The folder is created too (0700: it holds private files), when missing.
    """
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)  # mkdir's mode is filtered by the umask too
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, PRIVATE)  # os.open's mode is filtered by the umask
    finally:
        os.close(fd)
    return True


def make_private(path: Path) -> None:
    """Give the database and the files SQLite keeps beside it mode 0600."""
    for name in (str(path), *(f"{path}{suffix}" for suffix in COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(os.stat(name).st_mode) != PRIVATE:
                os.chmod(name, PRIVATE)


def backup_path(path: Path, day: date) -> Path:
    """The backup of ``path`` taken on ``day`` ("notes.sqlite3.backup-2026-12-01")."""
    return path.with_name(f"{path.name}.backup-{day.isoformat()}")


def backups(path: Path) -> list[Path]:
    """The daily backups of ``path`` that exist, oldest first."""
    prefix = path.name
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and _BACKUP.fullmatch(entry.name[len(prefix) :]):
                found.append(path.with_name(entry.name))
    return sorted(found)


def daily_backup(
    conn: sqlite3.Connection, path: Path, today: date, keep: int = BACKUPS_KEPT
) -> Path | None:
    """Copy the database (SQLite's backup API) unless today's copy exists; keep ``keep``.

    The copy is written under a temporary name and renamed, so a backup file is always
    whole. A failure is logged, never raised: the notes themselves are not at risk.
    """
    target = backup_path(path, today)
    if target.exists():
        return None
    partial = path.with_name(f".{target.name}.partial")
    try:
        for name in (str(partial), *(f"{partial}{suffix}" for suffix in COMPANIONS)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)  # left by a crash during an earlier backup
        create_private(partial)
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            conn.backup(copy)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        log.warning("could not back up the notes to %s: %s", target, error)
        with contextlib.suppress(OSError):
            os.unlink(partial)
        return None
    for old in backups(path)[:-keep]:
        with contextlib.suppress(OSError):
            os.unlink(old)
    return target
