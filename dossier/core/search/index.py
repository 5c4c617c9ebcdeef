"""Ranked search over the dossiers of one cache database.

:meth:`SearchIndex.for_dossiers` takes dossiers already loaded (the viewer);
:func:`dossier.core.search.scan.open_library` takes a file or folder (the command
line). Either way :meth:`SearchIndex.search` answers a query with ranked results.

A source's paragraphs are stored once, whatever number of dossiers cite it: a
matching paragraph becomes one result for each searched dossier that cites it,
under that dossier's id for the source.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence

from dossier.core.logs import get_logger
from dossier.core.records import TYPE_CHECKING, NamedTuple
from dossier.core.search import catalog, memo
from dossier.core.search.catalog import Entry
from dossier.core.search.documents import anchor_in, display_text
from dossier.core.search.query import Query, parse_query
from dossier.core.search.snippet import make_snippet
from dossier.core.search.store import (
    COMPACT_FROM,
    ENTRY_MASK,
    ENTRY_SHIFT,
    TIER_SHIFT,
    CorruptCache,
    Store,
    database_file,
    is_corruption,
    is_full,
    scope_token,
)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from dossier.core.model import Dossier

log = get_logger("dossier.search")

DEFAULT_LIMIT = 50
# Results one search returns at most: a larger limit counts as this (the command line
# refuses more; a test holds its number to this one).
MAX_LIMIT = 10_000
# A query matching at most RANK_ALL documents has every match ranked (bm25 costs about
# a microsecond a match and phrase: ranking 5,000 took most of a frame at 1,000
# dossiers). One matching more (a common word, a short prefix over a large library)
# ranks the first CANDIDATES of them in row order: best kinds first (entities, then
# items, summaries, paragraphs).
RANK_ALL = 2000
CANDIDATES = 1000
# bm25 weights of the name, body, extra, names and scope columns, and the prior of
# each tier (entities, items, summaries, source paragraphs). An entity's own name
# weighs most; a whole-name match adds more; length normalisation and the prior keep
# a passing mention in a long source paragraph below the item that makes the point.
WEIGHTS = (10.0, 2.5, 2.0, 5.0, 0.0)
PRIORS = (1.3, 1.5, 1.0, 0.6)


class SearchResult(NamedTuple):
    """One thing found: where it is, what it says, and why it matched.

    (This module's classes are a named tuple and a plain class, not dataclasses: a
    warm search must not pay for importing :mod:`dataclasses`.)"""

    dossier_id: str
    dossier_title: str
    section_id: str | None
    section_title: str | None
    kind: str
    anchor: str
    text: str
    snippet: str  # matched words between MARK_START and MARK_END
    score: float  # higher is better
    source_id: str | None
    paragraph: int | None  # the cited source paragraph, or the paragraph itself

    @property
    def marker(self) -> str | None:
        """``¶ 26`` for the paragraph, or None."""
        return None if self.paragraph is None else f"¶\u00a0{self.paragraph}"


class SearchResults:
    """The ranked results of one query; compared by its fields."""

    __slots__ = ("capped", "no_section", "query", "results", "total")

    def __init__(
        self,
        query: Query,
        results: tuple[SearchResult, ...] = (),
        total: int = 0,
        capped: bool = False,
        no_section: bool = False,
    ) -> None:
        self.query = query
        self.results = results
        self.total = total  # how many results matched (counting at most RANK_ALL documents)
        self.capped = capped  # True when more than RANK_ALL matched (CANDIDATES were ranked)
        # True when the query's section:ID names no section of the dossiers searched,
        # so that "no results" can say the section, not the words, is what is wrong.
        self.no_section = no_section

    def __len__(self) -> int:
        return len(self.results)

    def _fields(self) -> tuple[Query, tuple[SearchResult, ...], int, bool, bool]:
        return self.query, self.results, self.total, self.capped, self.no_section

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchResults) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"SearchResults(query={self.query!r}, results={self.results!r}, "
            f"total={self.total!r}, capped={self.capped!r}, no_section={self.no_section!r})"
        )


def _database(folders: Sequence[Path | str], cache: Path | str | bool | None) -> str | None:
    if cache is False:
        return None
    return database_file(folders, None if cache is None or isinstance(cache, bool) else cache)


class SearchIndex:
    """Ranked full-text search over a set of dossiers. Safe to call from one thread
    at a time (a lock serialises callers)."""

    def __init__(self, store: Store, entries: Sequence[Entry], rebuild: Callable[[], None]):
        self._store = store
        self._lock = threading.RLock()
        self._rebuild = rebuild
        self._added = 0  # entries stored since the last commit that collected garbage
        self._set_entries(entries)

    # construction ------------------------------------------------------------------
    @classmethod
    def for_dossiers(
        cls, dossiers: Sequence[Dossier], *, cache: Path | bool | None = True
    ) -> SearchIndex:
        """The index of these loaded dossiers, reusing the cache for those indexed before.

        ``cache``: True for the user's cache folder, a folder to use that one, False
        for an index held in memory only.
        """
        from dossier.core.bulk import collector_paused
        from dossier.core.search.build import build

        folders = [d.path.resolve().parent for d in dossiers]
        store = Store(_database(folders, cache), folders)
        index = cls(store, [], lambda: None)

        def rebuild() -> None:
            with collector_paused():
                known = catalog.entry_keys(store.conn)
                built = [build(dossier, known=known) for dossier in dossiers]
                index._set_entries(index.commit(built, {}))

        index._rebuild = rebuild
        try:
            index.guarded(rebuild, building=True)
        except BaseException:
            store.close()
            raise
        return index

    def _set_entries(self, entries: Sequence[Entry]) -> None:
        with self._lock:
            self._entries = {entry.no: entry for entry in entries}
            order = {no: at for at, no in enumerate(self._entries)}
            cited: dict[int, list[tuple[int, str]]] = {}
            if self._entries:
                for dossier, source, source_id in catalog.links(self._store.conn):
                    if dossier in order:
                        cited.setdefault(source, []).append((dossier, source_id))
            for citing in cited.values():
                citing.sort(key=lambda pair: order[pair[0]])
            self._cited = cited
            # The results one matching row of each entry makes (a source's: one for
            # each searched dossier citing it), for counting matches; only a source
            # several cite makes a count differ from the number of matching rows.
            self._weight = {no: 1 for no in self._entries}
            self._weight.update((no, len(citing)) for no, citing in cited.items())
            self._shared = any(len(citing) > 1 for citing in cited.values())
            self._decoded: dict[int, list[tuple[object, ...]]] = {}  # blocks, by row id
            self._filter_ready = False
            self._filtering = False

    def commit(
        self,
        built: Sequence[Any],
        cached_paths: dict[str, tuple[int, str]],
        *,
        collect: bool = True,
    ) -> list[Entry]:
        """Store the built dossiers, record their paths, clean up (when ``collect``);
        return their entries in order."""
        from dossier.core.bulk import collector_paused

        out: list[Entry] = []
        with collector_paused(), self._store.transaction() as conn:
            memo.clear(conn)  # the last scan's summary may name what changes now
            seen = dict(cached_paths)
            stored, added = catalog.add_entries(conn, [item.entry for item in built])
            self._added += added
            for item, entry in zip(built, stored, strict=True):
                if item.path is not None:
                    catalog.set_manifest(conn, item.digest, item.sources)
                    seen[item.path] = (entry.no, item.digest)
                out.append(entry)
            catalog.set_paths(conn, seen)
            removed = catalog.collect_garbage(conn, (e.no for e in out)) if collect else 0
            if removed:
                log.info("search cache: removed %d stale entries", removed)
        if collect and self._added >= COMPACT_FROM:
            self._store.compact()
        if collect:
            self._added = 0
        return out

    def guarded(self, work: Callable[[], Any], *, building: bool = False) -> Any:
        """Run ``work``; if the cache proves corrupt, discard it, rebuild, run again; if
        the disk is full, go on in memory (the cache keeps its last good state).

        ``building``: ``work`` is the build itself, so running it again rebuilds.
        """
        try:
            return work()
        except (CorruptCache, sqlite3.DatabaseError, OSError) as error:
            full = is_full(error) and self._store.file is not None
            if not full and isinstance(error, OSError):
                raise
            if not full and isinstance(error, sqlite3.DatabaseError) and not is_corruption(error):
                raise
            with self._lock:
                if full:
                    log.warning("search cache: the disk is full (%s); using memory", error)
                    self._store.to_memory(error)
                else:
                    log.warning("search cache damaged (%s); discarding and rebuilding it", error)
                    self._store.discard()
                self._filter_ready = False
                self._decoded = {}
                if not building:
                    self._rebuild()
            return work()

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The dossiers this index searches."""
        return tuple(self._entries.values())

    @property
    def database(self) -> Path | None:
        """The cache file in use (None when the index lives in memory)."""
        return self._store.path

    @property
    def notice(self) -> str | None:
        """One line saying why the cache is not in use, when it could not be."""
        return self._store.notice

    @property
    def store(self) -> Store:
        """The database this index reads (for building it)."""
        return self._store

    def close(self) -> None:
        """Release the database."""
        with self._lock:
            self._store.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # searching ---------------------------------------------------------------------
    def search(self, query: str | Query, limit: int = DEFAULT_LIMIT) -> SearchResults:
        """The results for ``query`` (text as typed, or parsed), best first: at most
        ``limit`` of them, and never more than :data:`MAX_LIMIT`."""
        parsed = query if isinstance(query, Query) else parse_query(query)
        if parsed.empty or limit < 1 or not self._entries:
            return SearchResults(parsed)
        limit = min(limit, MAX_LIMIT)
        with self._lock:
            result: SearchResults = self.guarded(lambda: self._search(parsed, limit))
            return result

    def _citing(self, entry_no: int) -> list[tuple[Entry, str | None]]:
        """The searched dossiers a row of this entry belongs to (with the source id,
        for a source's paragraph)."""
        entry = self._entries.get(entry_no)
        if entry is not None:
            return [(entry, None)]
        return [(self._entries[no], sid) for no, sid in self._cited.get(entry_no, ())]

    def _search(self, query: Query, limit: int) -> SearchResults:
        conn = self._store.conn
        expression = query.expression(lambda prefix, n: catalog.completions(conn, prefix, n))
        if query.section is not None:
            expression = f'scope : "{scope_token(query.section)}" AND ({expression})'
        where = "fts MATCH ?"
        if self._needs_filter():
            where += f" AND ((rowid >> {ENTRY_SHIFT}) & {ENTRY_MASK}) IN temp.active_entries"
        prior = " ".join(f"WHEN {tier} THEN {p}" for tier, p in enumerate(PRIORS))
        weights = ", ".join(str(w) for w in WEIGHTS)
        # Counting (up to RANK_ALL + 1) costs a tenth of ranking: it says whether every
        # match can be ranked, or only the first CANDIDATES in row order.
        probe = f"SELECT count(*) FROM (SELECT rowid FROM fts WHERE {where} LIMIT {RANK_ALL + 1})"
        scored = (
            f"SELECT rowid AS id, -bm25(fts, {weights})"
            f" * (CASE rowid >> {TIER_SHIFT} {prior} ELSE 0.5 END) AS score"
            f" FROM fts WHERE {where}"
        )
        try:
            matched = conn.execute(probe, (expression,)).fetchone()[0]
            if not matched:
                if query.section is None:
                    return SearchResults(query)
                # Only now is the section itself looked up: a miss is the rare case.
                scope = f'scope : "{scope_token(query.section)}"'
                found = conn.execute(f"SELECT 1 FROM fts WHERE {where} LIMIT 1", (scope,))
                return SearchResults(query, no_section=found.fetchone() is None)
            capped = matched > RANK_ALL
            if capped:
                scored += f" LIMIT {CANDIDATES}"
            # Counted by entry when a source is shared: its paragraph is a result for
            # each dossier citing it, so every match is fetched (all are ranked).
            whole = self._shared and not capped
            sql = f"SELECT id, score FROM ({scored}) ORDER BY score DESC, id LIMIT ?"
            ranked = conn.execute(sql, (expression, -1 if whole else limit)).fetchall()
        except sqlite3.OperationalError as error:
            if is_corruption(error):
                raise
            # Should not happen (the expression is built from quoted words only).
            log.warning("search query %r failed: %s", expression, error)
            return SearchResults(query)
        # Past RANK_ALL the count is RANK_ALL (shown as "at least" that).
        total = RANK_ALL if capped else matched
        if whole:
            weight = self._weight.get
            total = sum([weight((row[0] >> ENTRY_SHIFT) & ENTRY_MASK, 0) for row in ranked])
            del ranked[limit:]
        if not ranked:
            return SearchResults(query)
        docs = catalog.documents_of(conn, [row[0] for row in ranked], self._decoded)
        results: list[SearchResult] = []
        for doc_id, score in ranked:
            doc = docs.get(doc_id)
            if doc is None:
                continue
            if len(results) >= limit:
                break
            text = display_text(doc.kind, doc.name, doc.body, doc.extra)
            snippet = make_snippet(text, query)
            for entry, source_id in self._citing((doc_id >> ENTRY_SHIFT) & ENTRY_MASK):
                anchor, source = doc.anchor, doc.source_id
                if source_id is not None:
                    source, anchor = source_id, anchor_in(doc, source_id)
                results.append(
                    SearchResult(
                        dossier_id=entry.dossier_id,
                        dossier_title=entry.title,
                        section_id=doc.section_id,
                        section_title=doc.section_title,
                        kind=doc.kind,
                        anchor=anchor,
                        text=text,
                        snippet=snippet,
                        score=round(float(score), 4),
                        source_id=source,
                        paragraph=doc.paragraph,
                    )
                )
        total = min(max(total, len(results)), RANK_ALL)
        return SearchResults(query, tuple(results[:limit]), total, capped=capped)

    def _needs_filter(self) -> bool:
        """True when the database holds entries this index does not search."""
        if self._filter_ready:
            return self._filtering
        conn = self._store.conn
        active = set(self._entries) | set(self._cited)
        self._filtering = catalog.entry_count(conn) != len(active)
        if self._filtering:  # else the query names no table: none is made (a warm search)
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS active_entries(no INTEGER PRIMARY KEY)")
            conn.execute("DELETE FROM temp.active_entries")
            conn.executemany("INSERT INTO temp.active_entries VALUES (?)", [(n,) for n in active])
        self._filter_ready = True
        return self._filtering
