"""The on-disk index: one SQLite database (FTS5) per set of dossier folders.

Layout of a database (what goes in and out of it is :mod:`.catalog`):

- ``entries``: one row per indexed *content*: a dossier (its own documents, keyed
  by a hash of its bytes, its sources' bytes and the index version, see
  :func:`content_key`) or a source (its paragraphs, keyed by its bytes' hash alone,
  see :func:`source_key`), so a source that many dossiers cite is indexed once;
- ``links``: which sources each dossier entry cites, under which source id;
- ``manifests``: for the hash of a dossier file's bytes, the paths of its sources
  (relative to the dossier's folder), so a warm start can compute a file's key by
  hashing bytes alone, without parsing YAML;
- ``paths``: which entry each dossier file path held when last seen (for clean-up);
  ``file_stats``: each file's stat signature when last hashed, with the hash. A
  path is text, or its bytes when its name is not UTF-8 (see :func:`to_sql`);
- ``blocks``: the documents as display text, zlib-compressed in runs of
  :data:`BLOCK` consecutive rows; ``fts``: a contentless FTS5 index of their folded
  text. A document's row id is ``tier << 40 | entry << 20 | n``, so that rows come
  out of FTS5 best kind first, and an entry's rows are a range;
- ``words``: every folded word of the indexed text and every name token (not the
  section tokens), with the number of entries that hold it. A prefix being typed is
  spelled out as its commonest words (see :meth:`Query.expression`), so FTS5 keeps no
  prefix index, which took more room than the rest of the index.

A database that is not one, has another schema, or raises a corruption error is
deleted and rebuilt, never trusted. Writes happen in ``BEGIN IMMEDIATE``
transactions, so processes sharing the cache take turns instead of corrupting it.
The folder is private (0700) and so are the files (0600), whatever the umask: they
hold the full text of every source.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from dossier import __version__
from dossier.core.logs import get_logger
from dossier.core.records import TYPE_CHECKING
from dossier.core.search.documents import SEP
from dossier.core.search.fold import index_text, words
from dossier.core.search.query import name_token
from dossier.core.sha import sha256

if TYPE_CHECKING:
    from pathlib import Path

log = get_logger("dossier.search")

SCHEMA_VERSION = 4  # bump when what is indexed (documents, anchors, folding) changes
TIER_SHIFT = 40
ENTRY_SHIFT = 20
ENTRY_MASK = (1 << ENTRY_SHIFT) - 1
TIERS = 4
BLOCK = 32  # documents per compressed block (a result decodes its block; 16 took 8% more)

# Changing how text folds changes what the index holds: a database written with
# another folding must not be reused (its rows could not even be deleted cleanly).
_CANARY = index_text("Şəki Qəbələ Qarabağ İçərişəhər Naxçıvan ﬁ Straße Ørsted ½ Ǆ")
_STAMP = f"{SCHEMA_VERSION}\0{BLOCK}\0{__version__}\0{_CANARY}\0{name_token(['a', 'b'])}"
FINGERPRINT = sha256(_STAMP.encode()).hexdigest()[:16]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
    no INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, source INTEGER NOT NULL,
    dossier_id TEXT NOT NULL, title TEXT NOT NULL, docs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS links(
    dossier INTEGER NOT NULL, position INTEGER NOT NULL, source INTEGER NOT NULL,
    source_id TEXT NOT NULL, PRIMARY KEY(dossier, position)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_source ON links(source);
CREATE TABLE IF NOT EXISTS manifests(digest TEXT PRIMARY KEY, sources TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paths(
    path TEXT PRIMARY KEY, entry INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS file_stats(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blocks(first INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS words(
    word TEXT PRIMARY KEY, entries INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    name, body, extra, names, scope, content='',
    tokenize='unicode61 remove_diacritics 2');
"""

# Large pages: a compressed block of documents (one to a few KiB) then rarely
# straddles pages or leaves most of one empty (4 KiB pages took a quarter more).
PAGE_SIZE = 65536

# FTS5 merges segments once this many pile up on a level (its default is 4): fewer,
# larger merges make the first build of a large library faster.
AUTOMERGE = 8
# A build that adds at least this many entries ends by merging the index into one
# segment and rewriting the file compactly (see Store.compact): at 1,000 dossiers 83 MB
# become 76 MB, in about two seconds, paid once.
COMPACT_FROM = 64

# SQLite result codes that mean the file cannot be trusted.
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL_CODE = 13  # SQLITE_FULL
TABLES = {
    "meta", "entries", "links", "manifests", "paths", "file_stats", "blocks", "words", "fts"
}  # fmt: skip


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


def is_full(error: BaseException) -> bool:
    """True when ``error`` says the disk (or the database's size limit) is full."""
    if not isinstance(error, sqlite3.Error):
        return isinstance(error, OSError) and error.errno == errno.ENOSPC
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == _FULL_CODE:
        return True
    return "database or disk is full" in str(error).lower()


def cache_dir() -> Path:
    """The user's cache folder for the app (DOSSIER_CACHE_DIR, XDG_CACHE_HOME, ~/.cache)."""
    return _path(_cache_folder())


def _cache_folder() -> str:
    explicit = os.environ.get("DOSSIER_CACHE_DIR")
    if explicit:
        return explicit
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "dossier")
    return os.path.join(os.path.expanduser("~"), ".cache", "dossier")  # as Path.home()


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def database_path(folders: Iterable[Path | str], root: Path | str | None = None) -> Path:
    """The cache database for dossiers living in ``folders``."""
    return _path(database_file(folders, root))


def database_file(folders: Iterable[Path | str], root: Path | str | None = None) -> str:
    """:func:`database_path` as a string, worked out without importing pathlib (a warm
    search makes no Path): the same file, spelt as given (``Path`` would drop a doubled
    "/", for one)."""
    identity = "\n".join(sorted({str(folder) for folder in folders}))
    digest = sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    base = os.fspath(root) if root else _cache_folder()
    return os.path.join(base, "search", f"index-v{SCHEMA_VERSION}-{digest}.sqlite")


def source_key(digest: str) -> str:
    """The cache key of a source's paragraphs: its bytes' hash and the index version."""
    return sha256(f"dossier-source\0{FINGERPRINT}\0{digest}".encode()).hexdigest()


def content_key(digest: str, sources: Sequence[tuple[str, str]]) -> str:
    """The cache key of a dossier: its bytes' hash and each (source path, source hash)."""
    hasher = sha256(f"dossier-search\0{FINGERPRINT}\0{digest}".encode())
    for relative, source_digest in sources:
        hasher.update(f"\0{relative}\0{source_digest}".encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()


def scope_token(section_id: str) -> str:
    """The token that stands for a section in the ``scope`` column (letters and digits)."""
    return "s" + section_id.encode().hex()


Fields = tuple[str, str, str, str, str]


def to_sql(path: str) -> str | bytes:
    """A path (or paths) as the database holds it: text when it is valid UTF-8, else
    its bytes, as the file system has them (a name in another encoding arrives from
    Python with surrogates, which SQLite text cannot hold). One path is always held
    the same way, so lookups and deletes find it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def from_sql(value: str | bytes) -> str:
    """A path as :func:`to_sql` stored it."""
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


class Store:
    """One cache database (or an in-memory one when the cache cannot be written).

    ``notice``: when the cache could not be used and the index lives in memory, one
    line saying why (None when the cache is in use, or memory was asked for).
    """

    def __init__(self, path: Path | str | None, folders: Sequence[Path | str] = ()) -> None:
        # The file as a string: a warm search makes no Path (see database_file).
        self.file = None if path is None else os.fspath(path)
        self.notice: str | None = None
        self._folders = "\n".join(sorted({str(folder) for folder in folders}))
        self.conn = self._open()

    @property
    def path(self) -> Path | None:
        """The cache file in use, None when the index lives in memory."""
        return None if self.file is None else _path(self.file)

    # -- opening, checking, discarding ----------------------------------------------
    def _open(self) -> sqlite3.Connection:
        if self.file is not None:
            try:
                _private(self.file)
                return self._connect(self.file)
            except CorruptCache as error:
                log.warning("search cache %s is unusable (%s); rebuilding it", self.path, error)
                self._delete_files()
                try:
                    _private(self.file)
                    return self._connect(self.file)
                except (CorruptCache, sqlite3.Error, OSError) as again:
                    self._fall_back(again)
            except (sqlite3.Error, OSError) as error:
                self._fall_back(error)
            self.file = None
        return self._connect(":memory:")

    def _fall_back(self, error: BaseException) -> None:
        # info, not warning: ``notice`` is what the user is told, once, by the CLI or the
        # search dock; a warning here would print the same news twice on a terminal
        log.info("cannot use the search cache %s (%s); using memory", self.path, error)
        why = "the disk is full" if is_full(error) else f"it cannot be used ({error})"
        self.notice = f"searching without the cache in {self.path.parent}: {why}"  # type: ignore[union-attr]

    def to_memory(self, error: BaseException) -> None:
        """Leave the cache file as it is (its last transaction rolled back) and go on
        with an empty index in memory: after a full disk."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self._fall_back(error)
        self.file = None
        self.conn = self._connect(":memory:")

    def _connect(self, where: str) -> sqlite3.Connection:
        conn = sqlite3.connect(where, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new database only
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

    def _check_or_create(self, conn: sqlite3.Connection) -> None:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            found = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if found.get("fingerprint") != FINGERPRINT:
                raise CorruptCache(f"written by another version ({found.get('fingerprint')})")
            if not tables >= TABLES:
                raise CorruptCache("tables are missing")
            return
        if tables - {"sqlite_sequence"}:
            raise CorruptCache("not a dossier search cache")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.strip().split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('fingerprint', ?), ('folders', ?)",
                (FINGERPRINT, to_sql(self._folders)),
            )
            conn.execute(f"INSERT INTO fts(fts, rank) VALUES ('automerge', {AUTOMERGE})")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _delete_files(self) -> None:
        if self.file is None:
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.file}{suffix}")

    def discard(self) -> None:
        """Delete the database and start an empty one (after a corruption error)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self.file is not None:
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

    def compact(self) -> None:
        """Merge the index into one segment and rewrite the file without the space that
        merging frees or leaves in half-full pages (after a large build; outside a
        transaction). A failure (a full disk) leaves the cache as it was: complete."""
        if self.file is None:
            return
        try:
            with self.transaction() as conn:
                conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.OperationalError as error:
            if is_corruption(error):
                raise
            log.warning("search cache %s not compacted: %s", self.path, error)

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


def _private(path: str) -> None:
    """Make the cache's folder (0700) and its database file (0600) private, whatever
    the umask, before SQLite opens it (its WAL and shared-memory files take the
    database's mode); an older cache made under a lax umask is tightened too."""
    folder = os.path.dirname(path)
    above = os.path.dirname(folder)
    if not os.path.exists(above):
        os.makedirs(above, mode=0o700)  # the mode of the last folder only, as Path.mkdir
    try:
        os.mkdir(folder, mode=0o700)
    except OSError:
        if not os.path.isdir(folder):
            raise
    os.chmod(folder, 0o700)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        os.fchmod(descriptor, 0o600) if hasattr(os, "fchmod") else os.chmod(path, 0o600)
    finally:
        os.close(descriptor)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f"{path}{suffix}", 0o600)
