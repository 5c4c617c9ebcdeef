"""What goes into a cache database and comes out of it: entries, their documents
(compressed blocks plus FTS5 rows), links from dossiers to the sources they cite,
manifests, paths and file signatures. The layout is described in :mod:`.store`.

Documents are held as zlib-compressed ``marshal`` data (standard library, fast to
read back): zlib's checksum refuses a damaged block before it is decoded, and the
cache is private to the user who wrote it.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

from dossier.core.records import NamedTuple
from dossier.core.search.documents import Document
from dossier.core.search.fold import WORD, words
from dossier.core.search.fresh import Signature
from dossier.core.search.store import (
    BLOCK,
    ENTRY_MASK,
    ENTRY_SHIFT,
    TIER_SHIFT,
    TIERS,
    CorruptCache,
    Fields,
    from_sql,
    fts_fields,
    to_sql,
)

# Decoded blocks an index keeps (about 15 KB each): the keystrokes of one query show
# the same documents again and again, and a result list of 100 can touch 100 blocks
# (a query typed out letter by letter at 1,000 dossiers reads some 1,400).
DECODED = 2048


class Part:
    """The documents of one entry, ready to store: a dossier's own, or one source's
    paragraphs. Built (folded, compressed) wherever the dossier was loaded, so the
    process that writes the database only inserts.

    (The classes of this module are plain ones and named tuples: a warm search imports
    it, and must not pay for importing :mod:`dataclasses`.)"""

    def __init__(self, key: str) -> None:
        self.key = key
        # For each tier, the folded fields of its documents in order (the n-th has n in
        # its row id): the writer emits rows in row-id order without sorting them.
        self.tiers: list[list[Fields]] = [[] for _ in range(TIERS)]
        self.blocks: list[tuple[int, int, bytes]] = []
        self.words: list[str] = []  # distinct, folded
        self.count = 0

    def __repr__(self) -> str:
        return f"Part(key={self.key!r}, count={self.count})"

    @classmethod
    def of(cls, key: str, documents: Iterable[Document]) -> Part:
        """The part for ``documents`` (in the order they came; at most ENTRY_MASK a tier)."""
        part = cls(key)
        tiers = part.tiers
        pending: list[list[Document]] = [[] for _ in range(TIERS)]
        for doc in documents:
            tier = doc.tier
            rows = tiers[tier]
            if len(rows) >= ENTRY_MASK:
                continue
            rows.append(fts_fields(doc.name, doc.body, doc.extra, doc.section_id))
            waiting = pending[tier]
            waiting.append(doc)
            if len(waiting) == BLOCK:
                part._seal(tier, len(rows), waiting)
        for tier in range(TIERS):
            if pending[tier]:
                part._seal(tier, len(tiers[tier]), pending[tier])
        part.count = sum(map(len, tiers))
        part.words = sorted(words_of(fields for rows in tiers for fields in rows))
        return part

    def _seal(self, tier: int, last: int, docs: list[Document]) -> None:
        # Level 6, not the faster 1: level 1's blocks are 5% larger, and the cache is
        # kept within the size of its input.
        data = zlib.compress(marshal.dumps([tuple(doc) for doc in docs]), 6)
        self.blocks.append((tier, last - len(docs) + 1, data))
        docs.clear()


def words_of(rows: Iterable[Fields]) -> set[str]:
    """The distinct folded words of these rows' text columns (name, body, extra) and
    their name tokens: what the ``words`` table counts.

    Folding works character by character and leaves spaces spaces, so the distinct
    space-separated tokens fold to the same words as the whole text. They are about
    a third of its length and nearly all ASCII, whose folding is ``lower``: a fifth of
    the time of folding the whole text, which was a fifth of a cold build.
    """
    texts: list[str] = []
    names: list[str] = []
    for fields in rows:
        texts += fields[:3]
        names.append(fields[3])
    tokens = set(" ".join(texts).split())
    plain = " ".join(token for token in tokens if token.isascii()).lower()
    other = " ".join(token for token in tokens if not token.isascii())
    return {*WORD.findall(plain), *words(other), *" ".join(names).split()}


def completions(conn: sqlite3.Connection, prefix: str, count: int) -> list[str]:
    """The indexed words that begin with ``prefix`` (itself included), at most
    ``count``, those held by most entries first."""
    high = prefix[:-1] + chr(ord(prefix[-1]) + 1) if ord(prefix[-1]) < 0x10FFFF else None
    sql = "SELECT word FROM words WHERE word >= ?" + (" AND word < ?" if high else "")
    sql += " ORDER BY entries DESC, word LIMIT ?"
    arguments = (prefix, high, count) if high else (prefix, count)
    return [word for (word,) in conn.execute(sql, arguments)]


class NewEntry(NamedTuple):
    """A dossier to index: its key, id, title, own documents and cited sources."""

    key: str
    dossier_id: str
    title: str
    own: Part
    sources: Sequence[tuple[str, Part]]  # (source id in the dossier, its paragraphs)


class Entry(NamedTuple):
    """An indexed dossier: its number in the database, id and title."""

    no: int
    key: str
    dossier_id: str
    title: str


def block_of(doc_id: int) -> int:
    """The row id of the block that holds document ``doc_id``."""
    n = doc_id & ENTRY_MASK
    return (doc_id & ~ENTRY_MASK) | ((n - 1) // BLOCK * BLOCK + 1)


def _decode(data: bytes) -> list[tuple[object, ...]]:
    try:
        rows = marshal.loads(zlib.decompress(data))
    except (zlib.error, ValueError, EOFError, TypeError) as error:
        raise CorruptCache(f"a damaged block ({error})") from None
    if not isinstance(rows, list):
        raise CorruptCache("a damaged block")
    return rows


def documents_of(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    decoded: dict[int, list[tuple[object, ...]]] | None = None,
) -> dict[int, Document]:
    """The stored documents with these row ids (those that exist). ``decoded``: blocks
    decoded earlier, by row id, kept up to :data:`DECODED` (the least recently used go
    first)."""
    if decoded is None:
        decoded = {}
    needed = {block_of(doc_id) for doc_id in ids}
    # Blocks used again move to the end (a dict keeps insertion order), so what the
    # last keystrokes showed outlives what an older query read.
    for first in needed & decoded.keys():
        decoded[first] = decoded.pop(first)
    wanted = sorted(needed - decoded.keys())
    if wanted:
        marks = ",".join("?" * len(wanted))
        sql = f"SELECT first, data FROM blocks WHERE first IN ({marks})"
        for first, data in conn.execute(sql, wanted).fetchall():
            decoded[first] = _decode(data)
    out: dict[int, Document] = {}
    for doc_id in ids:
        first = block_of(doc_id)
        rows = decoded.get(first)
        at = doc_id - first
        if rows is not None and 0 <= at < len(rows):
            out[doc_id] = Document(*rows[at])  # type: ignore[arg-type]
    # Trimmed only now: a search asking for more blocks than the cache keeps still
    # gets every document.
    while len(decoded) > DECODED:
        del decoded[next(iter(decoded))]
    return out


# -- reading -------------------------------------------------------------------------
def dossier_entries(conn: sqlite3.Connection) -> dict[str, Entry]:
    """Every dossier entry, by key."""
    rows = conn.execute("SELECT no, key, dossier_id, title FROM entries WHERE source = 0")
    return {row[1]: Entry(*row) for row in rows}


def entry_keys(conn: sqlite3.Connection) -> dict[str, int]:
    """Every entry's number (dossiers and sources), by key."""
    return dict(conn.execute("SELECT key, no FROM entries"))


def links(conn: sqlite3.Connection) -> list[tuple[int, int, str]]:
    """Every (dossier entry, source entry, source id) link, in citing order."""
    rows = conn.execute("SELECT dossier, source, source_id FROM links ORDER BY dossier, position")
    return [(d, s, i) for d, s, i in rows]


def entry_count(conn: sqlite3.Connection) -> int:
    """How many entries (dossiers and sources) the database holds."""
    return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def manifests(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The source paths recorded for each dossier file's bytes' hash."""
    rows = conn.execute("SELECT digest, sources FROM manifests")
    return {digest: [p for p in from_sql(sources).split("\n") if p] for digest, sources in rows}


def paths(conn: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    """Each dossier file path last seen, with the entry it held and its bytes' hash."""
    rows = conn.execute("SELECT path, entry, digest FROM paths").fetchall()
    return {from_sql(path): (entry, digest) for path, entry, digest in rows}


def file_stats(conn: sqlite3.Connection) -> dict[str, tuple[Signature, str]]:
    """Each file's stat signature when last hashed, with that hash."""
    rows = conn.execute("SELECT path, size, mtime_ns, inode, ctime_ns, digest FROM file_stats")
    return {from_sql(path): ((s, m, i, c), digest) for path, s, m, i, c, digest in rows}


# -- writing (inside a transaction) ----------------------------------------------------
class _Writer:
    """Adds entries with row ids in increasing order: FTS5 flushes its pending terms
    whenever a row id goes backwards, and many small segments make a slow index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.known = entry_keys(conn)
        self.no = int(conn.execute("SELECT coalesce(max(no), 0) FROM entries").fetchone()[0])
        self.parts: list[tuple[int, Part]] = []  # (row id base, part), base increasing
        self.blocks: list[tuple[int, bytes]] = []
        self.words: Counter[str] = Counter()
        self.added = 0

    def add(self, part: Part, source: bool, dossier_id: str, title: str) -> tuple[int, bool]:
        """The entry number of ``part``, and whether it is new."""
        found = self.known.get(part.key)
        if found is not None:
            return found, False
        self.no += 1
        if self.no > ENTRY_MASK:
            raise CorruptCache("too many entries; starting afresh")
        no = self.no
        self.added += 1
        base = no << ENTRY_SHIFT
        self.parts.append((base, part))
        self.blocks += [((t << TIER_SHIFT) | base | first, d) for t, first, d in part.blocks]
        self.words.update(part.words)
        self.conn.execute(
            "INSERT INTO entries(no, key, source, dossier_id, title, docs) VALUES (?,?,?,?,?,?)",
            (no, part.key, int(source), dossier_id, title, part.count),
        )
        self.known[part.key] = no
        return no, True

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO blocks(first, data) VALUES (?, ?)", self.blocks)
        # Tier by tier, entry by entry, document by document: row-id order.
        self.conn.executemany(
            "INSERT INTO fts(rowid, name, body, extra, names, scope) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (start | n, *fields)
                for tier in range(TIERS)
                for base, part in self.parts
                for start in ((tier << TIER_SHIFT) | base,)
                for n, fields in enumerate(part.tiers[tier], 1)
            ),
        )
        count_words(self.conn, self.words.items())


def count_words(conn: sqlite3.Connection, counts: Iterable[tuple[str, int]]) -> None:
    """Add to each word's number of entries (a negative count removes), dropping the
    words no entry holds any more."""
    conn.executemany(
        "INSERT INTO words(word, entries) VALUES (?, ?)"
        " ON CONFLICT(word) DO UPDATE SET entries = entries + excluded.entries",
        counts,
    )
    conn.execute("DELETE FROM words WHERE entries <= 0")


def add_entries(conn: sqlite3.Connection, batch: Sequence[NewEntry]) -> tuple[list[Entry], int]:
    """Index dossiers, each under its key, and each cited source once under its own
    (entries already there are reused); return their entries, and how many entries
    (dossiers and sources) were new."""
    writer = _Writer(conn)
    out: list[Entry] = []
    for new in batch:
        no, fresh = writer.add(new.own, False, new.dossier_id, new.title)
        if fresh:
            cited = [
                (no, position, writer.add(part, True, "", "")[0], source_id)
                for position, (source_id, part) in enumerate(new.sources)
            ]
            conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", cited)
        out.append(Entry(no, new.key, new.dossier_id, new.title))
    writer.flush()
    return out, writer.added


def remove_entry(conn: sqlite3.Connection, no: int) -> None:
    """Remove an entry, its documents and its links, and uncount its words."""
    removed: list[Fields] = []
    for tier in range(TIERS):
        low = (tier << TIER_SHIFT) | (no << ENTRY_SHIFT)
        high = low | ENTRY_MASK
        deletes = []
        for first, data in conn.execute(
            "SELECT first, data FROM blocks WHERE first BETWEEN ? AND ?", (low, high)
        ).fetchall():
            for at, row in enumerate(_decode(data)):
                doc = Document(*row)  # type: ignore[arg-type]
                fields = fts_fields(doc.name, doc.body, doc.extra, doc.section_id)
                deletes.append((first + at, *fields))
                removed.append(fields)
        conn.executemany(
            "INSERT INTO fts(fts, rowid, name, body, extra, names, scope) "
            "VALUES ('delete', ?, ?, ?, ?, ?, ?)",
            deletes,
        )
        conn.execute("DELETE FROM blocks WHERE first BETWEEN ? AND ?", (low, high))
    count_words(conn, ((word, -1) for word in words_of(removed)))
    conn.execute("DELETE FROM links WHERE dossier = ?", (no,))
    conn.execute("DELETE FROM entries WHERE no = ?", (no,))


def set_manifest(conn: sqlite3.Connection, digest: str, sources: Sequence[str]) -> None:
    """Record the source paths of the dossier file with these bytes."""
    conn.execute(
        "INSERT OR REPLACE INTO manifests(digest, sources) VALUES (?, ?)",
        (digest, to_sql("\n".join(sources))),
    )


def set_paths(conn: sqlite3.Connection, seen: dict[str, tuple[int, str]]) -> None:
    """Record which entry (and bytes' hash) each of these paths holds now."""
    conn.executemany(
        "INSERT OR REPLACE INTO paths(path, entry, digest) VALUES (?, ?, ?)",
        [(to_sql(path), entry, digest) for path, (entry, digest) in seen.items()],
    )


def collect_garbage(conn: sqlite3.Connection, keep: Iterable[int]) -> int:
    """Forget vanished paths, remove dossier entries no path holds and sources no
    dossier cites; return how many dossier entries went."""
    gone = [path for path in paths(conn) if not os.path.exists(path)]
    conn.executemany("DELETE FROM paths WHERE path = ?", [(to_sql(p),) for p in gone])
    keep_set = set(keep)
    orphans = [
        no
        for (no,) in conn.execute(
            "SELECT no FROM entries WHERE source = 0 AND no NOT IN (SELECT entry FROM paths)"
        ).fetchall()
        if no not in keep_set
    ]
    for no in orphans:
        remove_entry(conn, no)
    uncited = conn.execute(
        "SELECT no FROM entries WHERE source = 1 AND no NOT IN (SELECT source FROM links)"
    ).fetchall()
    for (no,) in uncited:
        remove_entry(conn, no)
    conn.execute("DELETE FROM manifests WHERE digest NOT IN (SELECT digest FROM paths)")
    return len(orphans)


def write_file_stats(conn: sqlite3.Connection, stats: dict[str, tuple[Signature, str]]) -> None:
    """Record these signatures and hashes; forget those of files that are gone."""
    conn.executemany(
        "INSERT OR REPLACE INTO file_stats VALUES (?, ?, ?, ?, ?, ?)",
        [(to_sql(path), *sig, digest) for path, (sig, digest) in stats.items()],
    )
    known = [from_sql(row[0]) for row in conn.execute("SELECT path FROM file_stats")]
    gone = [(to_sql(path),) for path in known if not os.path.exists(path)]
    conn.executemany("DELETE FROM file_stats WHERE path = ?", gone)
