"""Search over one dossier or a library of them, with the index cached on disk.

Two ways in:

- :func:`open_library` takes a dossier file or a folder (the command line). A file
  whose content is already indexed is not even parsed: hashing its bytes and its
  sources' bytes finds its entry. Only new or changed files are loaded, validated and
  indexed; invalid ones are reported, valid ones searched.
- :meth:`SearchIndex.for_dossiers` takes dossiers already loaded (the viewer).

Either way :meth:`SearchIndex.search` answers a query with ranked results.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.core.bulk import collector_paused

if TYPE_CHECKING:
    from concurrent.futures import Executor
from dossier.core.errors import DossierError, Problem
from dossier.core.library import admit, folder_files
from dossier.core.loader import load_dossier
from dossier.core.loader.sources import MAX_SOURCE_BYTES, source_roots
from dossier.core.model import Dossier
from dossier.core.search.documents import Document, display_text, documents
from dossier.core.search.query import Query, parse_query
from dossier.core.search.snippet import make_snippet
from dossier.core.search.store import (
    ENTRY_MASK,
    ENTRY_SHIFT,
    TIER_SHIFT,
    CorruptCache,
    Entry,
    Fields,
    NewEntry,
    Signature,
    Store,
    content_key,
    database_path,
    fts_fields,
    is_corruption,
    read_file_stats,
    scope_token,
    write_file_stats,
)
from dossier.core.yamlsafe import MAX_BYTES

log = logging.getLogger("dossier.search")

DEFAULT_LIMIT = 50
# Results one search returns at most: a larger limit counts as this (the command line
# refuses more than the same number).
MAX_LIMIT = 10_000
# A query matching at most RANK_ALL documents has every match ranked (bm25 costs about
# a microsecond a match). One matching more (a common word, a short prefix over a
# large library) ranks the first CANDIDATES of them in row order: best kinds first
# (entities, then items, summaries, paragraphs). Keeps every keystroke within a frame.
RANK_ALL = 5000
CANDIDATES = 1000
# bm25 weights of the name, body, extra, names and scope columns, and the prior of
# each tier (entities, items, summaries, source paragraphs). An entity's own name
# weighs most; a whole-name match adds more; length normalisation and the prior keep
# a passing mention in a long source paragraph below the item that makes the point.
WEIGHTS = (10.0, 2.5, 2.0, 5.0, 0.0)
PRIORS = (1.3, 1.5, 1.0, 0.6)
PARALLEL_FROM = 24  # uncached files before loading them in several processes
COMMIT_EVERY = 200  # dossiers stored per transaction while a library is being indexed


@dataclass(frozen=True)
class SearchResult:
    """One thing found: where it is, what it says, and why it matched."""

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


@dataclass(frozen=True)
class SearchResults:
    """The ranked results of one query."""

    query: Query
    results: tuple[SearchResult, ...] = ()
    total: int = 0  # how many documents matched (at most RANK_ALL)
    capped: bool = False  # True when more than RANK_ALL matched (CANDIDATES were ranked)

    def __len__(self) -> int:
        return len(self.results)


@dataclass(frozen=True)
class LibraryIndex:
    """What :func:`open_library` found: the index, and the files that would not load."""

    index: SearchIndex
    dossiers: tuple[Entry, ...]
    failures: tuple[tuple[Path, tuple[Problem, ...]], ...] = ()
    loaded: int = 0  # files that were parsed (not found in the cache)

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.index.close()


# -- building entries ------------------------------------------------------------------
@dataclass
class _Built:
    """One dossier ready to be stored: key, manifest and documents."""

    path: str | None
    digest: str
    key: str
    sources: list[str]
    dossier_id: str
    title: str
    documents: list[Document] = field(repr=False)
    fields: list[Fields] | None = field(default=None, repr=False)


UNCACHED = "missing"  # the digest of a file that cannot be read as it is (never cached)


def _digest(path: Path | str, limit: int) -> str:
    """The sha256 of a file's bytes, or :data:`UNCACHED` (see :func:`_read_digest`)."""
    return _read_digest(path, limit)[0]


def _read_digest(path: Path | str, limit: int) -> tuple[str, Signature | None]:
    """The sha256 of a file's bytes (or :data:`UNCACHED`) and its stat signature.

    Only a regular file of at most ``limit`` bytes (the loader's own limits) is read:
    anything else (missing, unreadable, a folder, a device, a FIFO, too large) is
    :data:`UNCACHED`, and the loader reports it in its own words. The file is opened
    without blocking (a FIFO would wait for a writer) and checked again once open.
    The signature is the open file's, taken before reading it (None when uncached).
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return UNCACHED, None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except (OSError, ValueError):
        return UNCACHED, None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return UNCACHED, None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # One read of the size the file has (a file that grew meanwhile shows as
            # longer); asking for the limit would allocate it for every small file.
            data = handle.read(info.st_size + 1)
    except OSError:
        return UNCACHED, None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        return UNCACHED, None
    return hashlib.sha256(data).hexdigest(), _signature(info)


# A file changed within this long of the scan that hashed it may change again within
# the file system's timestamp granularity without its signature moving ("racily
# clean", in git's words): its signature is not recorded, so the next scan hashes it.
RACY_NS = 2_000_000_000


def _signature(info: os.stat_result) -> Signature:
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


class _Hasher:
    """sha256 of files, each read once per scan (see :func:`_digest`), and not at all
    when its stat signature (size, mtime, inode, ctime) is the one recorded with its
    hash by an earlier scan: the hash stays the truth whenever the signature moves."""

    def __init__(self, known: dict[str, tuple[Signature, str]] | None = None) -> None:
        self._seen: dict[str, str] = {}
        self._known = known or {}
        self.fresh: dict[str, tuple[Signature, str]] = {}  # hashed now, worth recording
        self._now = time.time_ns()

    def file(self, path: Path | str, limit: int = MAX_BYTES) -> str:
        """The hash of the file's bytes, or :data:`UNCACHED`."""
        name = os.fspath(path)
        found = self._seen.get(name)
        if found is None:
            found = self._seen[name] = self._lookup(name, limit)
        return found

    def _lookup(self, name: str, limit: int) -> str:
        recorded = self._known.get(name)
        if recorded is not None:
            try:
                info = os.stat(name)
            except (OSError, ValueError):
                info = None
            if (
                info is not None
                and stat.S_ISREG(info.st_mode)
                and info.st_size <= limit
                and _signature(info) == recorded[0]
            ):
                return recorded[1]
        digest, signature = _read_digest(name, limit)
        if signature is not None and self._now - max(signature[1], signature[3]) > RACY_NS:
            self.fresh[name] = (signature, digest)
        return digest


def _relative_sources(dossier: Dossier) -> list[str]:
    folder = dossier.path.resolve().parent
    return [os.path.relpath(source.path, folder) for source in dossier.sources]


def _build(
    dossier: Dossier, store: Store | None = None, *, read_before: str | None = None
) -> _Built:
    """Key a loaded dossier; list its documents unless ``store`` has them already.

    The key names the very bytes the loader parsed (the dossier's and its sources'
    digests, taken as they were read), so it always describes the documents, even if
    a file changes on disk meanwhile: the next scan sees other bytes and re-indexes.
    ``read_before`` (the command line hashes a file before loading it, to look it up)
    must match, or the file changed in between and its path is not recorded as
    indexed.
    """
    sources = _relative_sources(dossier)
    path = dossier.path.resolve()
    keyed = [(rel, source.digest) for source, rel in zip(dossier.sources, sources, strict=True)]
    key = content_key(dossier.digest, keyed)
    known = store is not None and store.entry(key) is not None
    docs = [] if known else list(documents(dossier))
    settled = read_before is None or read_before == dossier.digest
    if not settled:
        log.info("search: %s changed while it was loaded; indexed, path not recorded", path)
    return _Built(
        str(path) if settled else None,
        dossier.digest,
        key,
        sources,
        dossier.id,
        dossier.title,
        docs,
    )


def _load_and_build(
    path: str, read_before: str, trusted: tuple[str, ...] = ()
) -> _Built | tuple[str, tuple[Problem, ...]]:
    """Load one dossier file and prepare its documents (runs in a worker process).

    ``read_before``: the hash of the file's bytes taken before loading it; ``trusted``:
    the folders it may read sources from besides its own.
    """
    try:
        dossier = load_dossier(Path(path), trusted)
    except DossierError as error:
        return path, error.problems
    built = _build(dossier, read_before=read_before)
    built.fields = [fts_fields(d.name, d.body, d.extra, d.section_id) for d in built.documents]
    return built


# -- the index -------------------------------------------------------------------------
class SearchIndex:
    """Ranked full-text search over a set of dossiers. Safe to call from one thread
    at a time (a lock serialises callers)."""

    def __init__(self, store: Store, entries: Sequence[Entry], rebuild: Callable[[], None]):
        self._store = store
        self._entries = {entry.no: entry for entry in entries}
        self._lock = threading.RLock()
        self._rebuild = rebuild
        self._filter_ready = False
        self._filtering = False

    # construction ------------------------------------------------------------------
    @classmethod
    def for_dossiers(
        cls, dossiers: Sequence[Dossier], *, cache: Path | bool | None = True
    ) -> SearchIndex:
        """The index of these loaded dossiers, reusing the cache for those indexed before.

        ``cache``: True for the user's cache folder, a folder to use that one, False
        for an index held in memory only.
        """
        folders = [d.path.resolve().parent for d in dossiers]
        store = Store(_database(folders, cache))
        index = cls(store, [], lambda: None)

        def build() -> None:
            with collector_paused():
                built = [_build(dossier, store) for dossier in dossiers]
            index._set_entries(index._commit(built, {}))

        index._rebuild = build
        try:
            index._guarded(build, building=True)
        except BaseException:
            store.close()
            raise
        return index

    def _set_entries(self, entries: Sequence[Entry]) -> None:
        with self._lock:
            self._entries = {entry.no: entry for entry in entries}
            self._filter_ready = False

    def _commit(
        self,
        built: Sequence[_Built],
        cached_paths: dict[str, tuple[int, str]],
        *,
        collect: bool = True,
    ) -> list[Entry]:
        """Store the built entries, record paths, clean up (when ``collect``); return the
        entries in order."""
        out: list[Entry] = []
        with collector_paused():
            self._store_built(built, cached_paths, out, collect)
        return out

    def _store_built(
        self,
        built: Sequence[_Built],
        cached_paths: dict[str, tuple[int, str]],
        out: list[Entry],
        collect: bool,
    ) -> None:
        store = self._store
        with store.transaction():
            seen = dict(cached_paths)
            batch = [
                NewEntry(item.key, item.dossier_id, item.title, item.documents, item.fields)
                for item in built
            ]
            for item, entry in zip(built, store.add_entries(batch), strict=True):
                if item.path is not None:
                    store.set_manifest(item.digest, item.sources)
                    seen[item.path] = (entry.no, item.digest)
                out.append(entry)
            store.set_paths(seen)
            removed = store.collect_garbage(e.no for e in out) if collect else 0
            if removed:
                log.info("search cache: removed %d stale entries", removed)

    def _guarded(self, work: Callable[[], Any], *, building: bool = False) -> Any:
        """Run ``work``; if the cache proves corrupt, discard it, rebuild, run again.

        ``building``: ``work`` is the build itself, so running it again rebuilds.
        """
        try:
            return work()
        except (CorruptCache, sqlite3.DatabaseError) as error:
            if isinstance(error, sqlite3.DatabaseError) and not is_corruption(error):
                raise
            log.warning("search cache damaged (%s); discarding and rebuilding it", error)
            with self._lock:
                self._store.discard()
                self._filter_ready = False
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
            result: SearchResults = self._guarded(lambda: self._search(parsed, limit))
            return result

    def _search(self, query: Query, limit: int) -> SearchResults:
        conn = self._store.conn
        expression = query.expression()
        if query.section is not None:
            expression = f'scope : "{scope_token(query.section)}" AND ({expression})'
        where = "fts MATCH ?"
        if self._needs_filter():
            where += f" AND ((rowid >> {ENTRY_SHIFT}) & {ENTRY_MASK}) IN temp.active_entries"
        prior = " ".join(f"WHEN {tier} THEN {p}" for tier, p in enumerate(PRIORS))
        weights = ", ".join(str(w) for w in WEIGHTS)
        # Counting (up to RANK_ALL + 1) costs a tenth of ranking: it says whether every
        # match can be ranked, or only the first CANDIDATES in row order.
        probe = f"SELECT count(*) FROM (SELECT 1 FROM fts WHERE {where} LIMIT {RANK_ALL + 1})"
        scored = (
            f"SELECT rowid AS id, -bm25(fts, {weights})"
            f" * (CASE rowid >> {TIER_SHIFT} {prior} ELSE 0.5 END) AS score"
            f" FROM fts WHERE {where}"
        )
        try:
            total = int(conn.execute(probe, (expression,)).fetchone()[0])
            capped = total > RANK_ALL
            if capped:
                scored += f" LIMIT {CANDIDATES}"
            sql = f"SELECT id, score FROM ({scored}) ORDER BY score DESC, id LIMIT ?"
            ranked = conn.execute(sql, (expression, limit)).fetchall() if total else []
        except sqlite3.OperationalError as error:
            if is_corruption(error):
                raise
            # Should not happen (the expression is built from quoted words only).
            log.warning("search query %r failed: %s", expression, error)
            return SearchResults(query)
        if not ranked:
            return SearchResults(query)
        ids = [row[0] for row in ranked]
        marks = ",".join("?" * len(ids))
        docs = {
            row[0]: row
            for row in conn.execute(
                "SELECT id, kind, anchor, section_id, section_title, name, body, extra,"
                f" source_id, paragraph FROM docs WHERE id IN ({marks})",
                ids,
            )
        }
        results = []
        for doc_id, score in ranked:
            row = docs.get(doc_id)
            entry = self._entries.get((doc_id >> ENTRY_SHIFT) & ENTRY_MASK)
            if row is None or entry is None:
                continue
            _, kind, anchor, section_id, section_title, name, body, extra, source, para = row
            text = display_text(kind, name, body, extra)
            results.append(
                SearchResult(
                    dossier_id=entry.dossier_id,
                    dossier_title=entry.title,
                    section_id=section_id,
                    section_title=section_title,
                    kind=kind,
                    anchor=anchor,
                    text=text,
                    snippet=make_snippet(text, query),
                    score=round(float(score), 4),
                    source_id=source,
                    paragraph=para,
                )
            )
        return SearchResults(query, tuple(results), min(total, RANK_ALL), capped=capped)

    def _needs_filter(self) -> bool:
        """True when the database holds dossiers this index does not search."""
        if self._filter_ready:
            return self._filtering
        conn = self._store.conn
        self._filtering = self._store.entry_count() != len(self._entries)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS active_entries(no INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.active_entries")
        if self._filtering:
            conn.executemany(
                "INSERT INTO temp.active_entries VALUES (?)", [(no,) for no in self._entries]
            )
        self._filter_ready = True
        return self._filtering


def _database(folders: Sequence[Path], cache: Path | bool | None) -> Path | None:
    if cache is False:
        return None
    root = cache if isinstance(cache, Path) else None
    return database_path(folders, root)


# -- libraries ---------------------------------------------------------------------------
def open_library(
    path: Path,
    *,
    cache: Path | bool | None = True,
    workers: int = 1,
    trusted: Sequence[Path | str] = (),
) -> LibraryIndex:
    """Index a dossier file or a folder of them; raise DossierError when none is valid.

    ``trusted``: folders the user lets the dossiers read sources from (see load_dossier).

    Files already in the cache are not parsed. Up to ``workers`` processes load the
    others (only worth it for many files, and only where ``fork`` is available; do not
    use it from a process that runs threads, such as the viewer).
    """
    path = Path(path)
    if path.is_dir():
        files = [file.resolve() for file in folder_files(path)]
        folders = [path.resolve()]
    else:
        if not path.is_file():  # missing, a device, a FIFO...: never opened here
            load_dossier(path, trusted)  # raises the loader's own message
        files = [path.resolve()]
        folders = [files[0].parent]
    store = Store(_database(folders, cache))
    holder: dict[str, LibraryIndex] = {}
    index = SearchIndex(store, [], lambda: None)

    def build() -> None:
        with collector_paused():
            holder["result"] = _scan(index, store, files, workers, tuple(map(str, trusted)))

    index._rebuild = build
    try:
        index._guarded(build, building=True)
    except BaseException:  # nothing valid to search, or a failure: no index to hand back
        store.close()
        raise
    return holder["result"]


def _scan(
    index: SearchIndex,
    store: Store,
    files: Sequence[Path],
    workers: int,
    trusted: tuple[str, ...] = (),
) -> LibraryIndex:
    hasher = _Hasher(read_file_stats(store))
    known = store.paths()
    found: dict[Path, Entry] = {}
    cached_paths: dict[str, tuple[int, str]] = {}
    missing: list[Path] = []
    for file in files:
        digest = hasher.file(file)
        sources = store.manifest(digest) if digest != UNCACHED else None
        entry = None
        if sources is not None and not _confined(file, sources, trusted):
            sources = None  # loaded again, so the loader says why it is refused now
        if sources is not None:
            keyed = [(rel, hasher.file(file.parent / rel, MAX_SOURCE_BYTES)) for rel in sources]
            entry = store.entry(content_key(digest, keyed))
        if entry is None:
            missing.append(file)
            continue
        found[file] = entry
        if known.get(str(file)) != (entry.no, digest):
            cached_paths[str(file)] = (entry.no, digest)
    problems: dict[Path, tuple[Problem, ...]] = {}
    batch: list[tuple[Path, _Built]] = []

    def commit(last: bool) -> None:
        # Stored in batches as they arrive, so indexing overlaps loading.
        stored = index._commit([item for _, item in batch], cached_paths, collect=last)
        for (file, _), entry in zip(batch, stored, strict=True):
            found[file] = entry
        batch.clear()
        cached_paths.clear()

    digests = [hasher.file(file) for file in missing]  # hashed before loading
    for file, outcome in zip(missing, _load_all(missing, digests, workers, trusted), strict=True):
        if isinstance(outcome, _Built):
            batch.append((file, outcome))
            if len(batch) >= COMMIT_EVERY:
                commit(last=False)
        else:
            problems[file] = outcome[1]
    if batch or cached_paths or missing or _has_stale_paths(known, files):
        commit(last=True)
    if hasher.fresh:
        write_file_stats(store, hasher.fresh)
    outcomes = [
        (file, DossierError(list(problems[file])) if file in problems else found[file])
        for file in files
    ]
    try:
        entries, failures = admit(outcomes, lambda entry: entry.dossier_id)
    except DossierError:
        index._set_entries([])
        raise
    index._set_entries(entries)
    log.info(
        "search: %d dossiers (%d loaded, %d from cache), %d failed",
        len(entries), len(missing), len(files) - len(missing), len(failures),
    )  # fmt: skip
    return LibraryIndex(index, tuple(entries), tuple(failures), loaded=len(missing))


def _confined(file: Path, sources: Sequence[str], trusted: Sequence[str]) -> bool:
    """True when every source a cached dossier named is still one it may read (a folder
    trusted when it was indexed may be trusted no longer)."""
    roots = source_roots(file, trusted)
    try:
        places = [(file.parent / relative).resolve() for relative in sources]
    except (OSError, RuntimeError):
        return False
    return all(any(place.is_relative_to(root) for root in roots) for place in places)


def _has_stale_paths(known: dict[str, tuple[int, str]], files: Sequence[Path]) -> bool:
    """True when a path the cache remembers in these folders is gone."""
    folders = {file.parent for file in files}
    current = {str(file) for file in files}
    return any(
        Path(path).parent in folders and path not in current and not os.path.exists(path)
        for path in known
    )


def _worker_start() -> None:
    gc.disable()  # a worker only loads, hands over and exits: see collector_paused


def _load_all(
    files: Sequence[Path], digests: Sequence[str], workers: int, trusted: tuple[str, ...] = ()
) -> Iterator[_Built | tuple[str, tuple[Problem, ...]]]:
    """Load and prepare each file, in order, in worker processes when worth it.

    ``digests``: each file's bytes' hash, taken before loading it.
    """
    names = [str(file) for file in files]
    pool = _pool(min(workers, len(names))) if workers > 1 and len(names) >= PARALLEL_FROM else None
    if pool is None:
        with collector_paused():
            yield from (_load_and_build(n, d, trusted) for n, d in zip(names, digests, strict=True))
        return
    with pool:
        yield from pool.map(_load_and_build, names, digests, [trusted] * len(names), chunksize=4)


def _pool(workers: int) -> Executor | None:
    # Imported here: multiprocessing costs a viewer's start-up more than a whole search.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: load in this process
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start)
