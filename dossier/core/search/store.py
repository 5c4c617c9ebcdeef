"""The on-disk index: one SQLite database (FTS5) per set of dossier folders.

Layout of a database:

- ``entries``: one row per indexed dossier *content*, keyed by a hash of the
  dossier's bytes, its sources' bytes and the index version (:func:`content_key`);
- ``manifests``: for the hash of a dossier file's bytes, the paths of its sources
  (relative to the dossier's folder), so a warm start can compute a file's key by
  hashing bytes alone, without parsing YAML;
- ``paths``: which entry each dossier file path held when last seen (for clean-up);
  a path is text, or its bytes when its name is not UTF-8 (see :func:`_to_sql`);
- ``docs``: the documents, as display text; ``fts``: a contentless FTS5 index of
  their folded text. A document's row id is ``tier << 40 | entry << 20 | n``, so that
  rows come out of FTS5 best kind first, and an entry's rows are a range.

A database that is not one, has another schema, or raises a corruption error is
deleted and rebuilt, never trusted. Writes happen in ``BEGIN IMMEDIATE``
transactions, so processes sharing the cache take turns instead of corrupting it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier import __version__
from dossier.core.search.documents import SEP, Document
from dossier.core.search.fold import index_text, words
from dossier.core.search.query import name_token

log = logging.getLogger("dossier.search")

SCHEMA_VERSION = 2  # bump when what is indexed (documents, anchors, folding) changes
TIER_SHIFT = 40
ENTRY_SHIFT = 20
ENTRY_MASK = (1 << 20) - 1
TIERS = 4
MAX_ENTRY = ENTRY_MASK

# Changing how text folds changes what the index holds: a database written with
# another folding must not be reused (its rows could not even be deleted cleanly).
_CANARY = index_text("Şəki Qəbələ Qarabağ İçərişəhər Naxçıvan ﬁ Straße Ørsted ½ Ǆ")
_STAMP = f"{SCHEMA_VERSION}\0{__version__}\0{_CANARY}\0{name_token(['a', 'b'])}"
FINGERPRINT = hashlib.sha256(_STAMP.encode()).hexdigest()[:16]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
    no INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    dossier_id TEXT NOT NULL, title TEXT NOT NULL, docs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS manifests(digest TEXT PRIMARY KEY, sources TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paths(
    path TEXT PRIMARY KEY, entry INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, anchor TEXT NOT NULL,
    section_id TEXT, section_title TEXT, name TEXT NOT NULL, body TEXT NOT NULL,
    extra TEXT NOT NULL, source_id TEXT, paragraph INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    name, body, extra, names, scope, content='',
    tokenize='unicode61 remove_diacritics 2'{prefix});
"""

# Prefix indexes for two- and three-letter prefixes (one letter is never searched
# as a prefix of running text, see Query.expression); longer prefixes are rare enough
# to be merged at query time.
PREFIX = ", prefix='2 3'"

# FTS5 merges segments once this many pile up on a level (its default is 4): fewer,
# larger merges make the first build of a large library faster.
AUTOMERGE = 8

# SQLite result codes that mean the file cannot be trusted.
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class CorruptCache(Exception):
    """The cache database is damaged or not ours; it must be discarded."""


def is_corruption(error: sqlite3.Error) -> bool:
    """True when ``error`` says the database file is damaged or foreign.

    Python raises the base ``DatabaseError`` itself (no subclass) for SQLITE_CORRUPT,
    SQLITE_NOTADB and codes it has no class for; a busy, locked or full database is an
    ``OperationalError`` and no reason to throw the cache away. Only Python 3.11+ sets
    ``sqlite_errorcode``, so the class is what decides on every version.
    """
    if type(error) is sqlite3.DatabaseError:
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _CORRUPT_CODES:
        return True
    message = str(error).lower()
    return any(
        phrase in message
        for phrase in ("malformed", "not a database", "no such table", "no such column")
    )


def cache_dir() -> Path:
    """The user's cache folder for the app (DOSSIER_CACHE_DIR, XDG_CACHE_HOME, ~/.cache)."""
    explicit = os.environ.get("DOSSIER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "dossier"


def database_path(folders: Iterable[Path], root: Path | None = None) -> Path:
    """The cache database for dossiers living in ``folders``."""
    identity = "\n".join(sorted({str(folder) for folder in folders}))
    digest = hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return (root or cache_dir()) / "search" / f"index-v{SCHEMA_VERSION}-{digest}.sqlite"


def content_key(digest: str, sources: Sequence[tuple[str, str]]) -> str:
    """The cache key of a dossier: its bytes' hash and each (source path, source hash)."""
    hasher = hashlib.sha256(f"dossier-search\0{FINGERPRINT}\0{digest}".encode())
    for relative, source_digest in sources:
        hasher.update(f"\0{relative}\0{source_digest}".encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()


def scope_token(section_id: str) -> str:
    """The token that stands for a section in the ``scope`` column (letters and digits)."""
    return "s" + section_id.encode().hex()


Fields = tuple[str, str, str, str, str]


def _to_sql(path: str) -> str | bytes:
    """A path (or paths) as the database holds it: text when it is valid UTF-8, else
    its bytes, as the file system has them (a name in another encoding arrives from
    Python with surrogates, which SQLite text cannot hold). One path is always held
    the same way, so lookups and deletes find it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _from_sql(value: str | bytes) -> str:
    """A path as :func:`_to_sql` stored it."""
    return os.fsdecode(value) if isinstance(value, bytes) else value


def fts_fields(name: str, body: str, extra: str, section_id: str | None) -> Fields:
    """What the FTS5 index holds for a document (also what deleting it must repeat):
    name, body, extra, names and scope.

    The ``names`` column holds one token per name or alias, so that a query naming a
    thing exactly ranks that thing first.
    """
    names = ""
    if name:
        found = (words(part) for part in name.split(SEP))
        names = " ".join(name_token(each) for each in found if each)
    scope = scope_token(section_id) if section_id else ""
    return index_text(name), index_text(body), index_text(extra), names, scope


@dataclass
class NewEntry:
    """A dossier to index: its key, id, title, documents and (if folded already) fields."""

    key: str
    dossier_id: str
    title: str
    documents: Sequence[Document]
    fields: Sequence[Fields] | None = None


@dataclass(frozen=True)
class Entry:
    """An indexed dossier: its number in the database, id and title."""

    no: int
    key: str
    dossier_id: str
    title: str


class Store:
    """One cache database (or an in-memory one when the cache cannot be written)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.conn = self._open()

    # -- opening, checking, discarding ----------------------------------------------
    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return self._connect(str(self.path))
            except CorruptCache as error:
                log.warning("search cache %s is unusable (%s); rebuilding it", self.path, error)
                self._delete_files()
                try:
                    return self._connect(str(self.path))
                except (CorruptCache, sqlite3.Error, OSError) as again:
                    log.warning("search cache unusable again (%s); using memory", again)
            except (sqlite3.Error, OSError) as error:
                log.warning("cannot use the search cache %s (%s); using memory", self.path, error)
            self.path = None
        return self._connect(":memory:")

    def _connect(self, where: str) -> sqlite3.Connection:
        conn = sqlite3.connect(where, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA cache_size = -65536")  # KiB: merging segments reads back
            if where != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            self._check_or_create(conn)
        except sqlite3.Error as error:
            conn.close()
            if is_corruption(error):
                raise CorruptCache(str(error)) from None
            raise
        except BaseException:  # CorruptCache, or an interrupt: never leave it open
            conn.close()
            raise
        return conn

    @staticmethod
    def _check_or_create(conn: sqlite3.Connection) -> None:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            found = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if found.get("fingerprint") != FINGERPRINT:
                raise CorruptCache(f"written by another version ({found.get('fingerprint')})")
            if not {"entries", "manifests", "paths", "docs", "fts"} <= tables:
                raise CorruptCache("tables are missing")
            return
        if tables - {"sqlite_sequence"}:
            raise CorruptCache("not a dossier search cache")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.format(prefix=PREFIX).strip().split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('fingerprint', ?)", (FINGERPRINT,)
            )
            conn.execute(f"INSERT INTO fts(fts, rank) VALUES ('automerge', {AUTOMERGE})")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _delete_files(self) -> None:
        if self.path is None:
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def discard(self) -> None:
        """Delete the database and start an empty one (after a corruption error)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self.path is not None:
            log.warning("discarding the damaged search cache %s", self.path)
            self._delete_files()
        self.conn = self._open()

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds the database's write lock from its start."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------
    def manifest(self, digest: str) -> list[str] | None:
        """The source paths recorded for a dossier file with these bytes, if any."""
        row = self.conn.execute("SELECT sources FROM manifests WHERE digest = ?", (digest,))
        found = row.fetchone()
        if found is None:
            return None
        return [part for part in _from_sql(found[0]).split("\n") if part]

    def entry(self, key: str) -> Entry | None:
        """The entry indexed under ``key``, if any."""
        row = self.conn.execute(
            "SELECT no, key, dossier_id, title FROM entries WHERE key = ?", (key,)
        ).fetchone()
        return Entry(*row) if row else None

    def entry_count(self) -> int:
        """How many dossiers the database holds."""
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def paths(self) -> dict[str, tuple[int, str]]:
        """Each dossier file path last seen, with the entry it held and its bytes' hash."""
        rows = self.conn.execute("SELECT path, entry, digest FROM paths").fetchall()
        return {_from_sql(path): (entry, digest) for path, entry, digest in rows}

    # -- writing (inside ``transaction``) ----------------------------------------------
    def add_entries(self, batch: Sequence[NewEntry]) -> list[Entry]:
        """Index dossiers' documents, each under its key (reusing entries already there).

        All rows go in in row-id order: FTS5 flushes its pending terms whenever a row
        id goes backwards, and many small segments make a slow index.
        """
        out: list[Entry] = []
        docs: list[tuple[object, ...]] = []
        fts: list[tuple[int, str, str, str, str, str]] = []
        no = int(self.conn.execute("SELECT coalesce(max(no), 0) FROM entries").fetchone()[0])
        for new in batch:
            found = self.entry(new.key)
            if found is None:
                found = next((e for e in out if e.key == new.key), None)
            if found is not None:
                out.append(found)
                continue
            no += 1
            if no > MAX_ENTRY:
                raise CorruptCache("too many entries; starting afresh")
            fields = new.fields or [fts_fields(d.name, d.body, d.extra, d.section_id)
                                    for d in new.documents]  # fmt: skip
            counters = [0] * TIERS
            for doc, folded in zip(new.documents, fields, strict=True):
                tier = doc.tier
                if counters[tier] >= ENTRY_MASK:
                    continue
                counters[tier] += 1
                doc_id = (tier << TIER_SHIFT) | (no << ENTRY_SHIFT) | counters[tier]
                docs.append(
                    (doc_id, doc.kind, doc.anchor, doc.section_id, doc.section_title,
                     doc.name, doc.body, doc.extra, doc.source_id, doc.paragraph)
                )  # fmt: skip
                fts.append((doc_id, *folded))
            self.conn.execute(
                "INSERT INTO entries(no, key, dossier_id, title, docs) VALUES (?, ?, ?, ?, ?)",
                (no, new.key, new.dossier_id, new.title, sum(counters)),
            )
            out.append(Entry(no, new.key, new.dossier_id, new.title))
        docs.sort(key=lambda row: row[0])  # type: ignore[arg-type, return-value]
        fts.sort(key=lambda row: row[0])
        self.conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
        self.conn.executemany(
            "INSERT INTO fts(rowid, name, body, extra, names, scope) VALUES (?, ?, ?, ?, ?, ?)",
            fts,
        )
        return out

    def remove_entry(self, no: int) -> None:
        """Remove an entry and its documents from the index."""
        for tier in range(TIERS):
            low = (tier << TIER_SHIFT) | (no << ENTRY_SHIFT)
            high = low | ENTRY_MASK
            rows = self.conn.execute(
                "SELECT id, name, body, extra, section_id FROM docs WHERE id BETWEEN ? AND ?",
                (low, high),
            ).fetchall()
            self.conn.executemany(
                "INSERT INTO fts(fts, rowid, name, body, extra, names, scope) "
                "VALUES ('delete', ?, ?, ?, ?, ?, ?)",
                [(doc_id, *fts_fields(*rest)) for doc_id, *rest in rows],
            )
            self.conn.execute("DELETE FROM docs WHERE id BETWEEN ? AND ?", (low, high))
        self.conn.execute("DELETE FROM entries WHERE no = ?", (no,))

    def set_manifest(self, digest: str, sources: Sequence[str]) -> None:
        """Record the source paths of the dossier file with these bytes."""
        self.conn.execute(
            "INSERT OR REPLACE INTO manifests(digest, sources) VALUES (?, ?)",
            (digest, _to_sql("\n".join(sources))),
        )

    def set_paths(self, seen: dict[str, tuple[int, str]]) -> None:
        """Record which entry (and bytes' hash) each of these paths holds now."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO paths(path, entry, digest) VALUES (?, ?, ?)",
            [(_to_sql(path), entry, digest) for path, (entry, digest) in seen.items()],
        )

    def collect_garbage(self, keep: Iterable[int]) -> int:
        """Forget vanished paths, then remove entries no path holds; return how many."""
        gone = [path for path in self.paths() if not os.path.exists(path)]
        self.conn.executemany("DELETE FROM paths WHERE path = ?", [(_to_sql(p),) for p in gone])
        keep_set = set(keep)
        orphans = [
            no
            for (no,) in self.conn.execute(
                "SELECT no FROM entries WHERE no NOT IN (SELECT entry FROM paths)"
            ).fetchall()
            if no not in keep_set
        ]
        for no in orphans:
            self.remove_entry(no)
        self.conn.execute("DELETE FROM manifests WHERE digest NOT IN (SELECT digest FROM paths)")
        return len(orphans)


# -- file-system freshness (stat signatures, as git's index keeps them) ----------------
Signature = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns

_STATS_TABLE = (
    "CREATE TABLE IF NOT EXISTS file_stats(path TEXT PRIMARY KEY, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    " digest TEXT NOT NULL)"
)


def read_file_stats(store: Store) -> dict[str, tuple[Signature, str]]:
    """Each file's stat signature when last hashed, with that hash (empty in a cache
    written before signatures were kept)."""
    conn = store.conn
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'file_stats'"
    ).fetchone():
        return {}
    rows = conn.execute("SELECT path, size, mtime_ns, inode, ctime_ns, digest FROM file_stats")
    return {_from_sql(path): ((s, m, i, c), digest) for path, s, m, i, c, digest in rows}


def write_file_stats(store: Store, stats: dict[str, tuple[Signature, str]]) -> None:
    """Record these signatures and hashes; forget those of files that are gone."""
    with store.transaction() as conn:
        conn.execute(_STATS_TABLE)
        conn.executemany(
            "INSERT OR REPLACE INTO file_stats VALUES (?, ?, ?, ?, ?, ?)",
            [(_to_sql(path), *sig, digest) for path, (sig, digest) in stats.items()],
        )
        known = [_from_sql(row[0]) for row in conn.execute("SELECT path FROM file_stats")]
        gone = [(_to_sql(path),) for path in known if not os.path.exists(path)]
        conn.executemany("DELETE FROM file_stats WHERE path = ?", gone)
