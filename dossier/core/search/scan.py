"""Opening the index of a dossier file or folder, with only what changed re-indexed.

A file whose content is already indexed is not even parsed: its stat signature (or,
when that moved, its bytes' hash) and its sources' find its entry. Only new or
changed files are loaded, validated and indexed, over every core when there are
many; invalid ones are reported, valid ones searched. Work is committed in batches,
so an interrupted build (Ctrl+C) keeps what it finished and the next run goes on.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence

from dossier.core.bulk import collector_paused
from dossier.core.errors import DossierError, Problem
from dossier.core.logs import get_logger
from dossier.core.records import TYPE_CHECKING
from dossier.core.roots import Confinement, as_path_spells, joined, resolve
from dossier.core.search import catalog, memo
from dossier.core.search.catalog import Entry
from dossier.core.search.fresh import UNCACHED, Hasher
from dossier.core.search.index import SearchIndex, _database
from dossier.core.search.store import Store, content_key

if TYPE_CHECKING:
    from pathlib import Path

    from dossier.core.search.build import Built

log = get_logger("dossier.search")

COMMIT_EVERY = 200  # dossiers stored per transaction while a library is being indexed
# Near the end, smaller transactions: what is stored after the last file loads is time
# no worker overlaps, so the last ones hold a few dossiers, not COMMIT_EVERY.
COMMIT_LAST = 25


class LibraryIndex:
    """What :func:`open_library` found: the index, and the files that would not load.

    (A plain class, not a dataclass: a warm search must not pay for importing
    :mod:`dataclasses`.)"""

    def __init__(
        self,
        index: SearchIndex,
        dossiers: tuple[Entry, ...],
        failures: tuple[tuple[Path, tuple[Problem, ...]], ...] = (),
        loaded: int = 0,
    ) -> None:
        self.index = index
        self.dossiers = dossiers
        self.failures = failures
        self.loaded = loaded  # files that were parsed (not found in the cache)

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.index.close()


def _files(path: str, trusted: Sequence[Path | str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The dossier files to search, each with its folder, and the library's folders
    (see dossier.core.library), every path resolved (only a symbolic link costs a walk
    of its path). ``path`` as ``str(Path(...))`` spells it; strings throughout, as
    ``Path.resolve`` has them (see dossier.core.roots.resolve), so that a warm search
    does not import pathlib."""
    if os.path.isdir(path):
        from dossier.core.library import folder_entries

        at = _resolved(path)
        files = []
        for found in folder_entries(at):
            target = resolve(found.path) if found.is_symlink() else None
            if target is not None and os.path.isfile(target):
                files.append((target, os.path.dirname(target)))
            else:  # a plain entry, or a link the loader refuses under the link's name
                files.append((found.path, at))
        return files, [at]
    if not os.path.isfile(path):  # missing, a device, a FIFO...: never opened here
        from pathlib import Path

        from dossier.core.loader import load_dossier

        load_dossier(Path(path), trusted)  # raises the loader's own message
    file = _resolved(path)
    return [(file, os.path.dirname(file))], [os.path.dirname(file)]


def _resolved(path: str) -> str:
    """``str(Path(path).resolve())``, which raises RuntimeError for a symbolic link
    loop (before Python 3.13)."""
    found = resolve(path)
    if found is None:
        raise RuntimeError(f"Symlink loop from {path!r}")
    return found


def open_library(
    path: Path | str,
    *,
    cache: Path | str | bool | None = True,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    trusted: Sequence[Path | str] = (),
) -> LibraryIndex:
    """Index a dossier file or a folder of them; raise DossierError when none is valid.

    ``trusted``: folders the user lets the dossiers read sources from (see load_dossier).

    Files already in the cache are not parsed. Up to ``workers`` processes load the
    others (only worth it for many files, and only where ``fork`` is available; do not
    use it from a process that runs threads, such as the viewer). ``progress`` is told
    (files done, files to load) as files are loaded.
    """
    files, folders = _files(as_path_spells(os.fspath(path)), trusted)
    store = Store(_database(folders, cache), folders)
    holder: dict[str, LibraryIndex] = {}
    index = SearchIndex(store, [], lambda: None)

    def build() -> None:
        with collector_paused():  # a warm scan of a large library makes no cycles either
            holder["result"] = _scan(
                index, store, files, workers, progress, trusted=tuple(map(str, trusted))
            )

    index._rebuild = build
    try:
        index.guarded(build, building=True)
    except BaseException:  # nothing valid to search, or a failure: no index to hand back
        store.close()
        raise
    if store.file is not None:
        from dossier.core.search.upkeep import sweep

        sweep(store.file)
    return holder["result"]


def _scan(
    index: SearchIndex,
    store: Store,
    files: Sequence[tuple[str, str]],  # each file, and its folder
    workers: int,
    progress: Callable[[int, int], None] | None,
    *,
    trusted: tuple[str, ...] = (),
) -> LibraryIndex:
    conn = store.conn
    names = [name for name, _ in files]
    stats: dict[str, os.stat_result] = {}  # sources' stat results, taken once
    confinement = Confinement(trusted, stats)
    remembered = memo.recall(conn, files, confinement.shared)
    if remembered is not None:  # nothing moved since the last clean scan
        return _admit(index, names, dict(zip(names, remembered, strict=True)), {}, 0)
    hasher = Hasher(catalog.file_stats(conn), stats)
    known = catalog.paths(conn)
    manifests = catalog.manifests(conn)
    entries = catalog.dossier_entries(conn)
    cited: dict[str, list[str]] = {}  # each dossier's sources, joined to its folder
    found: dict[str, Entry] = {}
    cached_paths: dict[str, tuple[int, str]] = {}
    missing: list[str] = []
    for name, folder in files:
        digest = hasher.dossier(name)
        sources = manifests.get(digest) if digest != UNCACHED else None
        entry = None
        if sources is not None:
            paths = cited[name] = [joined(folder, relative) for relative in sources]
            if confinement.confined(folder, paths):
                keyed = [(rel, hasher.source(p)) for rel, p in zip(sources, paths, strict=True)]
                entry = entries.get(content_key(digest, keyed))
            # else loaded again, so that the loader says why it is refused now
        if entry is None:
            missing.append(name)
            continue
        found[name] = entry
        if known.get(name) != (entry.no, digest):
            cached_paths[name] = (entry.no, digest)
    problems: dict[str, tuple[Problem, ...]] = {}
    if missing:
        from pathlib import Path

        loading = _Loading(index, found, problems, cached_paths)
        digests = [hasher.dossier(name) for name in missing]
        loading.run([Path(name) for name in missing], digests, workers, progress, trusted)
        folders = dict(files)
        for name, sources, source_digests in loading.loaded:  # not to be read again
            for relative, source_digest in zip(sources, source_digests, strict=True):
                hasher.loaded(joined(folders[name], relative), source_digest)
    elif cached_paths or _has_stale_paths(known, files):
        index.commit([], cached_paths)
    if hasher.fresh:
        with store.transaction():
            catalog.write_file_stats(conn, hasher.fresh)
    result = _admit(index, names, found, problems, len(missing))
    if not missing and len(result.dossiers) == len(files) and store.file is not None:
        memo.record(
            conn,
            files,
            shared=confinement.shared,
            vouched=hasher.vouched,
            sources=cited,
            folders=confinement.folders,
            entries=result.dossiers,
        )
    return result


class _Loading:
    """Loading, preparing and storing the files the cache does not hold, in batches."""

    def __init__(
        self,
        index: SearchIndex,
        found: dict[str, Entry],
        problems: dict[str, tuple[Problem, ...]],
        cached_paths: dict[str, tuple[int, str]],
    ) -> None:
        self.index = index
        self.found = found
        self.problems = problems
        self.cached_paths = cached_paths
        # The files loaded and stored: their sources and the digests they were loaded at.
        self.loaded: list[tuple[str, list[str], list[str]]] = []

    def run(
        self,
        missing: list[Path],
        digests: list[str],  # each file's hash, taken before loading it
        workers: int,
        progress: Callable[[int, int], None] | None,
        trusted: tuple[str, ...] = (),
    ) -> None:
        from dossier.core.search.build import Built, load_all

        batch: list[tuple[Path, Built]] = []
        outcomes = load_all(missing, digests, workers, progress, trusted)
        with _unsynced(self.index.store):
            try:
                left = len(missing)
                for file, outcome in zip(missing, outcomes, strict=True):
                    left -= 1
                    if isinstance(outcome, Built):
                        batch.append((file, outcome))
                        if len(batch) >= min(COMMIT_EVERY, max(COMMIT_LAST, left // 4)):
                            self._commit(batch, last=False)
                    else:
                        self.problems[str(file)] = outcome[1]
            finally:
                outcomes.close()  # an interrupt stops the workers; committed batches stay
            self._commit(batch, last=True)

    def _commit(self, batch: list[tuple[Path, Built]], *, last: bool) -> None:
        # Stored in batches as they arrive, so indexing overlaps loading.
        stored = self.index.commit([item for _, item in batch], self.cached_paths, collect=last)
        for (file, built), entry in zip(batch, stored, strict=True):
            self.found[str(file)] = entry
            if built.path is not None:
                self.loaded.append((str(file), built.sources, built.source_digests))
        batch.clear()
        self.cached_paths.clear()


@contextlib.contextmanager
def _unsynced(store: Store) -> Iterator[None]:
    """Store without waiting for the disk (``synchronous = OFF``) while files are indexed.

    Each write-ahead log checkpoint otherwise waits for the disk, which on a cold build
    costs more than the indexing. A crash of this process still loses nothing committed
    (the log is written all the same); a crash of the system may damage the cache,
    which is then found damaged, discarded and rebuilt, as any cache.
    """
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        if store.conn is conn:  # not the memory database a full disk left in its place
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA synchronous = NORMAL")


def _admit(
    index: SearchIndex,
    files: Sequence[str],
    found: dict[str, Entry],
    problems: dict[str, tuple[Problem, ...]],
    loaded: int,
) -> LibraryIndex:
    from dossier.core.library import admit

    admitted = [found[name] for name in files if name in found]
    failures: list[tuple[Path, tuple[Problem, ...]]] = []
    if problems or len({entry.dossier_id for entry in admitted}) < len(admitted):
        from pathlib import Path

        outcomes = [
            (Path(name), DossierError(list(problems[name])) if name in problems else found[name])
            for name in files
        ]
        try:
            admitted, failures = admit(outcomes, lambda entry: entry.dossier_id)
        except DossierError:
            index._set_entries([])
            raise
    # else every file is in the cache under an id of its own: all of them are searched
    index._set_entries(admitted)
    log.info(
        "search: %d dossiers (%d loaded, %d from cache), %d failed",
        len(admitted), loaded, len(files) - loaded, len(failures),
    )  # fmt: skip
    return LibraryIndex(index, tuple(admitted), tuple(failures), loaded=loaded)


def _has_stale_paths(known: dict[str, tuple[int, str]], files: Sequence[tuple[str, str]]) -> bool:
    """True when a path the cache remembers in these folders is gone."""
    current = {name for name, _ in files}
    folders = {folder for _, folder in files}
    return any(
        path not in current and os.path.dirname(path) in folders and not os.path.exists(path)
        for path in known
    )
