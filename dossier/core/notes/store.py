"""The notes database: one SQLite file, private, committed on every change.

:func:`open_store` opens it for writing, or, when it is locked or read-only, for
reading, and says why. A database that is damaged, not ours, or from a newer version
of the app is never written to: it is first inspected over a read-only connection,
and only a healthy one of a version this code knows is opened for writing. Every
change is its own ``BEGIN IMMEDIATE`` transaction, committed before the method
returns, with ``synchronous=FULL`` so a commit is on disk, not only in the OS's cache.

Searching notes uses ``instr`` over a ``folded`` column (the text folded as the
search index folds it), not FTS5: a dossier holds thousands of
notes at most, a scan of them is instant, and a substring match is what filtering as
you type expects ("Kur" finds "Kuryk"), without a second index to keep in step.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import TracebackType

from dossier.core.logs import get_logger
from dossier.core.notes import files, schema
from dossier.core.notes.connection import (
    REASONS,
    checked_version,
    closed_on_failure,
    connect,
    connect_for_reading,
    store_error,
)
from dossier.core.notes.errors import NotesStoreError
from dossier.core.notes.model import (
    KINDS,
    STATUSES,
    Annotation,
    Target,
    TextQuoteSelector,
    check,
    utc_time,
)
from dossier.core.notes.paths import notes_path
from dossier.core.search.fold import fold as fold_text
from dossier.core.search.fold import variants
from dossier.core.text import normalise

log = get_logger("dossier.notes")

DEFAULT_TIMEOUT = 5.0  # seconds to wait for another process's write to finish

_COLUMNS = (
    "id, dossier_id, kind, anchor, section, source, paragraph, exact, prefix, suffix,"
    " snapshot, colour, body, author, created, modified, status"
)


def fold(text: str) -> str:
    """``text`` in the form notes are searched in: as the search index folds words
    (case, diacritics, ə and ı), with spaces and punctuation normalised."""
    return fold_text(normalise(text))


def searchable(text: str) -> str:
    """What the ``folded`` column holds: :func:`fold` of ``text``, then its
    transliterated spellings (``Şəki`` is found as ``seki`` and ``sheki``)."""
    extra = variants(text)
    return f"{fold(text)}\n{' '.join(extra)}" if extra else fold(text)


@dataclass(frozen=True)
class MergeReport:
    """What merging annotations into the store did."""

    added: int = 0
    updated: int = 0  # the incoming copy was newer
    unchanged: int = 0  # the stored copy was as new or newer


@dataclass(frozen=True)
class OpenedStore:
    """The outcome of :func:`open_store`: a store (maybe read-only, maybe none) and why."""

    store: NotesStore | None
    error: NotesStoreError | None = None

    @property
    def writable(self) -> bool:
        return self.store is not None and not self.store.read_only


def open_store(
    path: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT, today: date | None = None
) -> OpenedStore:
    """The notes database at ``path`` (default :func:`notes_path`), for writing if it can be.

    When it cannot be written (locked, read-only), a read-only store comes with the
    error; when it cannot be trusted (corrupt, newer), there is no store at all.
    """
    where = path or notes_path()
    try:
        return OpenedStore(NotesStore.open(where, timeout=timeout, today=today))
    except NotesStoreError as error:
        log.warning("notes: %s", error)
        if error.kind not in ("locked", "read-only"):
            return OpenedStore(None, error)
        try:
            return OpenedStore(NotesStore.open_read_only(where, timeout=timeout), error)
        except NotesStoreError as again:
            log.warning("notes, read-only: %s", again)
            return OpenedStore(None, error)


def _refuse_emptied(path: Path) -> None:
    """A database file found empty, with backups of it beside, was emptied (a crash, a
    full disk, a careless copy), not just made: SQLite would take it for a new database,
    and the next days' backups of that would rotate the good ones away."""
    kept = files.backups(path) if os.stat(path).st_size == 0 else []
    if kept:
        raise NotesStoreError(
            "corrupt", path, f"the notes database is empty (0 bytes) though it has backups; "
            f"left untouched: to restore your notes, copy {kept[-1].name} over it",
        )  # fmt: skip


class NotesStore:
    """The user's annotations, in one SQLite database (see :func:`open_store`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = conn

    # -- opening and closing ----------------------------------------------------------
    @classmethod
    def open(
        cls, path: Path, *, timeout: float = DEFAULT_TIMEOUT, today: date | None = None
    ) -> NotesStore:
        """The database at ``path`` for writing, created (0600) when missing.

        Raises :class:`NotesStoreError` when it cannot be written or trusted; the file is
        then exactly as it was.
        """
        try:
            created = files.create_private(path)
        except OSError as error:
            raise store_error(path, error) from None
        if not created:
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                raise NotesStoreError("unavailable", path, "the notes database is not a file")
            # Root may write a file whose owner made it read-only: respect the intent.
            if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
                raise NotesStoreError("read-only", path, REASONS["read-only"])
            # SQLite writes its -wal and -shm, and this store its backups, beside it
            if not os.access(path.parent, os.W_OK):
                raise NotesStoreError(
                    "read-only", path, f"{REASONS['read-only']}: its folder cannot be written"
                )
            _refuse_emptied(path)
        try:
            with contextlib.closing(connect(path, timeout, read_only=True)) as probe:
                found = checked_version(probe, path)
            # Before SQLite opens its -wal and -shm for writing: a read-only session
            # may have left them with the database's then read-only mode.
            files.make_private(path)
            conn = connect(path, timeout, read_only=False)
        except sqlite3.Error as error:
            raise store_error(path, error) from None
        with closed_on_failure(conn, path):
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            if found > 0:  # a copy of the notes before this session (and any migration)
                files.daily_backup(conn, path, today or date.today())
            schema.migrate(conn)
            files.make_private(path)  # the -wal and -shm SQLite has just created
        return cls(path, conn, read_only=False)

    @classmethod
    def open_read_only(cls, path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> NotesStore:
        """The database at ``path`` for reading only; it is never written through this."""
        if not path.is_file():
            missing = not os.path.lexists(path)  # a folder or pipe there is not "no database"
            why = "there is no notes database" if missing else "the notes database is not a file"
            raise NotesStoreError("unavailable", path, why)
        _refuse_emptied(path)
        try:
            conn = connect_for_reading(path, timeout)
        except sqlite3.Error as error:
            raise store_error(path, error) from None
        with closed_on_failure(conn, path):
            if checked_version(conn, path) < schema.SCHEMA_VERSION:
                raise NotesStoreError("unavailable", path, "the notes database is not set up")
        return cls(path, conn, read_only=True)

    def close(self) -> None:
        """Close the database (committed already: every change commits at once)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the notes store is closed")
        return self._conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on leaving; a failure undoes all of it."""
        if self.read_only:
            raise NotesStoreError("read-only", self.path, "the notes are open read-only")
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise store_error(self.path, error) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.DatabaseError):  # locked, read-only, damaged...
                raise store_error(self.path, error) from None
            raise

    # -- reading -----------------------------------------------------------------------
    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, if the store holds it."""
        rows = self._select("WHERE id = ?", (annotation_id,))
        return rows[0] if rows else None

    def annotations(self, dossier_id: str | None = None) -> list[Annotation]:
        """The annotations of one dossier (or all), oldest first."""
        if dossier_id is None:
            return self._select("", ())
        return self._select("WHERE dossier_id = ?", (dossier_id,))

    def search(self, text: str, dossier_id: str | None = None) -> list[Annotation]:
        """Annotations whose body, quoted text or tags contain ``text`` (folded)."""
        needle = fold(text)
        if not needle:
            return self.annotations(dossier_id)
        if dossier_id is None:
            return self._select("WHERE instr(folded, ?) > 0", (needle,))
        return self._select("WHERE dossier_id = ? AND instr(folded, ?) > 0", (dossier_id, needle))

    def dossier_ids(self) -> list[str]:
        """The dossiers that have annotations."""
        rows = self.conn.execute("SELECT DISTINCT dossier_id FROM annotations ORDER BY 1")
        return [row[0] for row in rows]

    def colours(self) -> list[tuple[str, str]]:
        """Each colour key with the name the user gave it, in menu order."""
        rows = self.conn.execute("SELECT key, name FROM colours ORDER BY position, key")
        return [(key, name) for key, name in rows]

    def _select(self, where: str, args: tuple[object, ...]) -> list[Annotation]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM annotations {where} ORDER BY created, id", args
        ).fetchall()
        tags: dict[str, list[str]] = {}
        if rows:
            ids = [row[0] for row in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                for annotation, tag in self.conn.execute(
                    f"SELECT annotation, tag FROM tags WHERE annotation IN ({marks})"
                    " ORDER BY annotation, position",
                    chunk,
                ):
                    tags.setdefault(annotation, []).append(tag)
        try:
            return [_from_row(row, tuple(tags.get(row[0], ()))) for row in rows]
        except (TypeError, ValueError) as error:  # edited by another program, or damaged
            reason = f"{REASONS['corrupt']} ({error})"
            raise NotesStoreError("corrupt", self.path, reason) from None

    # -- writing -------------------------------------------------------------------------
    def add(self, annotation: Annotation) -> Annotation:
        """Store a new annotation; committed when this returns. ValueError if its id exists."""
        check(annotation)
        with self._write() as conn:
            self._insert(conn, annotation)
        return annotation

    def restore(self, annotation: Annotation) -> Annotation:
        """Put back an annotation :meth:`delete` returned, with the same id (for undo)."""
        return self.add(annotation)

    def update(self, annotation: Annotation) -> Annotation:
        """Replace the stored annotation with the same id (see ``model.edited``)."""
        check(annotation)
        with self._write() as conn:
            if not self._delete(conn, annotation.id):
                raise KeyError(annotation.id)
            self._insert(conn, annotation)
        return annotation

    def delete(self, annotation_id: str) -> Annotation | None:
        """Delete an annotation; return it as it was (None when there was none)."""
        with self._write() as conn:
            found = self.get(annotation_id)
            if found is not None:
                self._delete(conn, annotation_id)
        return found

    def rename_colour(self, key: str, name: str) -> None:
        """Give colour ``key`` a new meaning ("raise in meeting", "check", ...)."""
        clean = " ".join(name.split())
        if not clean or len(clean) > 200:
            raise ValueError("a colour name must have 1 to 200 characters")
        with self._write() as conn:
            if conn.execute("UPDATE colours SET name = ? WHERE key = ?", (clean, key)).rowcount:
                return
            raise KeyError(key)

    def merge(self, incoming: Sequence[Annotation]) -> MergeReport:
        """Add annotations, or replace stored ones whose incoming copy is newer: all in
        one transaction, so a failure merges nothing. Each keeps its original author."""
        for annotation in incoming:
            check(annotation)
        added = updated = unchanged = 0
        with self._write() as conn:
            for annotation in incoming:
                stored = self.get(annotation.id)
                if stored is None:
                    self._insert(conn, annotation)
                    added += 1
                elif utc_time(annotation.modified) > utc_time(stored.modified):
                    self._delete(conn, stored.id)
                    self._insert(
                        conn, replace(annotation, author=stored.author or annotation.author)
                    )
                    updated += 1
                else:
                    unchanged += 1
        return MergeReport(added, updated, unchanged)

    def _insert(self, conn: sqlite3.Connection, a: Annotation) -> None:
        if a.colour is not None:  # an imported colour nobody named yet is named by its key
            conn.execute(
                "INSERT OR IGNORE INTO colours(key, name, position)"
                " SELECT ?, ?, coalesce(max(position), -1) + 1 FROM colours",
                (a.colour, a.colour),
            )
        t = a.target
        q = t.quote or TextQuoteSelector("")
        try:
            conn.execute(
                f"INSERT INTO annotations({_COLUMNS}, folded)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.dossier_id, a.kind, t.anchor, t.section, t.source, t.paragraph,
                 t.quote.exact if t.quote else None, q.prefix, q.suffix, t.snapshot,
                 a.colour, a.body, a.author, a.created, a.modified, a.status,
                 searchable("\n".join((a.body, q.exact, *a.tags)))),
            )  # fmt: skip
        except sqlite3.IntegrityError as error:
            raise ValueError(f"cannot store annotation {a.id}: {error}") from None
        conn.executemany(
            "INSERT INTO tags(annotation, position, tag) VALUES (?, ?, ?)",
            [(a.id, n, tag) for n, tag in enumerate(a.tags)],
        )

    @staticmethod
    def _delete(conn: sqlite3.Connection, annotation_id: str) -> bool:
        # Its tags go with it (ON DELETE CASCADE: foreign keys are on).
        return conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount > 0


def _text(value: object, what: str, note: object) -> str:
    """A text column's value, or TypeError (a blob, a number: not written by this app)."""
    if not isinstance(value, str):
        held = "binary data" if isinstance(value, bytes) else "a number"
        raise TypeError(f"note {str(note)[:40]!r}: its {what} is {held}, not text")
    return value


def _optional(value: object, what: str, note: object) -> str | None:
    return None if value is None else _text(value, what, note)


def _from_row(row: tuple[object, ...], tags: tuple[str, ...]) -> Annotation:
    """The annotation a row holds; TypeError or ValueError (one line) when the row was
    not written by this app: a column of the wrong type, a kind or status it never
    writes (SQLite checks what the table declares only when it is told to)."""
    (id_, dossier_id, kind, anchor, section, source, paragraph, exact, prefix, suffix,
     snapshot, colour, body, author, created, modified, status) = row  # fmt: skip
    quote = None
    if exact is not None:
        quote = TextQuoteSelector(
            _text(exact, "quote", id_), _text(prefix, "prefix", id_), _text(suffix, "suffix", id_)
        )
    if paragraph is not None and (not isinstance(paragraph, int) or isinstance(paragraph, bool)):
        raise TypeError(f"note {str(id_)[:40]!r}: its paragraph is not a whole number")
    if kind not in KINDS:
        raise ValueError(f"note {str(id_)[:40]!r}: unknown kind {str(kind)[:40]!r}")
    if status not in STATUSES:
        raise ValueError(f"note {str(id_)[:40]!r}: unknown status {str(status)[:40]!r}")
    for tag in tags:
        _text(tag, "tag", id_)
    target = Target(
        anchor=_optional(anchor, "anchor", id_),
        section=_optional(section, "section", id_),
        source=_optional(source, "source", id_),
        paragraph=paragraph,
        quote=quote,
        snapshot=_text(snapshot, "snapshot", id_),
    )
    return Annotation(
        id=_text(id_, "id", id_),
        dossier_id=_text(dossier_id, "dossier id", id_),
        kind=kind,  # checked above: one of KINDS
        target=target,
        created=_text(created, "creation time", id_),
        modified=_text(modified, "modification time", id_),
        body=_text(body, "note text", id_),
        colour=_optional(colour, "colour", id_),
        tags=tags,
        author=_text(author, "author", id_),
        status=status,
    )
