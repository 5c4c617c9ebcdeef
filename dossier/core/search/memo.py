"""The summary of a library's last clean scan, so that an unchanged library is
checked by its files' signatures alone.

A scan that found every dossier in the cache (none loaded, none refused, no id twice)
leaves in the database's ``meta`` table what vouched for its answer: each dossier's
path, folder and stat signature, the path and signature of each source it cites,
the folders those sources lie in as they resolved, the shared folders, and the
entries it admitted. The next scan stats the same files: when the files, signatures
(each source still no symbolic link) and resolved folders are all the same, so are
the hashes, keys, confinement and entries (each step depends on nothing else), and
the tables are not read. Anything else (a file added, touched or gone, a trusted
folder dropped, a link swapped in) is a miss, and the full scan runs and writes a new
summary. A signature recorded within the racy window is never in it (see
:mod:`.fresh`), and any write of entries deletes it (see ``SearchIndex.commit``).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import stat
from collections.abc import Sequence

from dossier.core.roots import resolve
from dossier.core.search.catalog import Entry
from dossier.core.search.fresh import Signature, signature

KEY = "last-scan"
_VERSION = 1

Files = Sequence[tuple[str, str]]  # each dossier file, and its folder


def clear(conn: sqlite3.Connection) -> None:
    """Forget the summary (inside the caller's transaction)."""
    conn.execute("DELETE FROM meta WHERE key = ?", (KEY,))


def recall(conn: sqlite3.Connection, files: Files, shared: tuple[str, ...]) -> list[Entry] | None:
    """The entries of the last clean scan, when nothing it rested on has moved."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        return None
    try:
        data = marshal.loads(bytes.fromhex(row[0]))
        version, roots, names, signatures, sources, folders, entries = data
    except (ValueError, TypeError, EOFError):
        return None  # not one this version wrote: the full scan replaces it
    if version != _VERSION or roots != shared or names != [tuple(f) for f in files]:
        return None
    try:
        now = [signature(os.stat(name)) for name, _ in files]
        if now != signatures:
            return None
        for path, recorded in sources:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode) or signature(info) != recorded:
                return None
    except (OSError, ValueError):
        return None
    if any(resolve(folder) != real for folder, real in folders):
        return None
    return [Entry(*entry) for entry in entries]


def record(
    conn: sqlite3.Connection,
    files: Files,
    *,
    shared: tuple[str, ...],
    vouched: dict[str, Signature | None],
    sources: dict[str, list[str]],
    folders: dict[str, str | None],
    entries: Sequence[Entry],
) -> None:
    """Leave the summary of a clean scan: ``vouched`` the signatures its hashes rest on,
    ``sources`` each dossier's sources (joined to its folder), ``folders`` the source
    folders as they resolved. Nothing is left when a signature is missing (racy, or
    unread); a database that cannot be written keeps its old state."""
    signatures = [vouched.get(name) for name, _ in files]
    cited = {path: vouched.get(path) for name, _ in files for path in sources[name]}
    if None in signatures or None in cited.values():
        return
    data = (
        _VERSION,
        shared,
        [tuple(f) for f in files],
        signatures,
        list(cited.items()),
        sorted(folders.items()),
        [tuple(entry) for entry in entries],
    )
    value = marshal.dumps(data).hex()
    with contextlib.suppress(sqlite3.Error):  # a full disk: the summary only saves time
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (KEY, value))
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
