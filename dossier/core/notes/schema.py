"""The notes database's tables, and the migrations that build them version by version.

``PRAGMA user_version`` holds the version. Migration *n* (1-based) turns a version
*n - 1* database into version *n*; each runs in its own transaction with the version
bump, so a crash leaves the database at the old version or the new, never between.
Adding version 2 is one more function appended to ``MIGRATIONS``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from dossier.core.notes.model import DEFAULT_COLOURS


def _v1(conn: sqlite3.Connection) -> None:
    """Annotations, their tags, and the named colours."""
    conn.execute(
        "CREATE TABLE colours(key TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL)"
    )
    conn.executemany(
        "INSERT INTO colours(key, name, position) VALUES (?, ?, ?)",
        [(key, name, n) for n, (key, name) in enumerate(DEFAULT_COLOURS)],
    )
    conn.execute(
        """CREATE TABLE annotations(
            id TEXT PRIMARY KEY,
            dossier_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'bookmark')),
            anchor TEXT, section TEXT, source TEXT, paragraph INTEGER,
            exact TEXT, prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '',
            snapshot TEXT NOT NULL DEFAULT '',
            colour TEXT REFERENCES colours(key) ON UPDATE CASCADE ON DELETE SET NULL,
            body TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphan')),
            folded TEXT NOT NULL DEFAULT '')"""
    )
    conn.execute("CREATE INDEX annotations_by_dossier ON annotations(dossier_id)")
    conn.execute(
        """CREATE TABLE tags(
            annotation TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (annotation, tag))"""
    )
    conn.execute("CREATE INDEX tags_by_tag ON tags(tag)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = frozenset({"annotations", "colours", "tags"})


def version(conn: sqlite3.Connection) -> int:
    """The schema version the database says it has (0 for a new, empty one)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection, migrations: tuple[Callable[..., None], ...] = MIGRATIONS
) -> None:
    """Bring the database from its version to ``len(migrations)``, one step per transaction.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    for target in range(version(conn) + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) != target - 1:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            migrations[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
