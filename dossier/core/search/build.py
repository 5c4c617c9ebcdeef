"""Preparing dossiers for the index: load, validate, turn into documents, fold and
compress, in worker processes over every core when there are many files.

This is the only part of search that imports the loader and the model: a warm
search, whose files are all in the cache, never imports it.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Container, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core.bulk import collector_paused
from dossier.core.errors import DossierError, Problem
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier, Source
from dossier.core.search.catalog import NewEntry, Part
from dossier.core.search.extract import own_documents, paragraphs
from dossier.core.search.store import content_key, source_key

if TYPE_CHECKING:
    from concurrent.futures import Executor

PARALLEL_FROM = 24  # uncached files before loading them in several processes
CHUNK = 4  # files a worker takes at a time
Progress = Callable[[int, int], None]  # (files done, files to do)


@dataclass
class Built:
    """One dossier ready to be stored: key, manifest and documents."""

    path: str | None  # None when the file changed while it was loaded (not recorded)
    digest: str
    key: str
    sources: list[str]  # relative to the dossier's folder, as the manifest has them
    entry: NewEntry = field(repr=False)
    source_digests: list[str] = field(default_factory=list)  # of the bytes loaded


def build(dossier: Dossier, *, read_before: str | None = None, known: Container[str] = ()) -> Built:
    """Key a loaded dossier and prepare its documents (none when its key is one of
    ``known``, those the cache has already).

    The key names the very bytes the loader parsed (the dossier's and its sources'
    digests, taken as they were read), so it always describes the documents, even if
    a file changes on disk meanwhile: the next scan sees other bytes and re-indexes.
    ``read_before`` (the command line hashes a file before loading it, to look it up)
    must match, or the file changed in between and its path is not recorded.
    """
    folder = dossier.path.resolve().parent
    relative = [os.path.relpath(source.path, folder) for source in dossier.sources]
    keyed = [(rel, source.digest) for source, rel in zip(dossier.sources, relative, strict=True)]
    key = content_key(dossier.digest, keyed)
    cached = key in known
    own = Part(key) if cached else Part.of(key, own_documents(dossier))
    cited = [
        (source.id, Part(source_key(source.digest)) if cached else _source_part(source))
        for source in dossier.sources
    ]
    settled = read_before is None or read_before == dossier.digest
    entry = NewEntry(key, dossier.id, dossier.title, own, cited)
    path = str(dossier.path.resolve()) if settled else None
    digests = [source.digest for source in dossier.sources]
    return Built(path, dossier.digest, key, relative, entry, digests)


_parts: dict[str, Part] = {}  # in one process: a source's part, once per digest


def _source_part(source: Source) -> Part:
    digest = source.digest
    part = _parts.get(digest)
    if part is None:
        part = Part.of(source_key(digest), paragraphs(source))
        if len(_parts) > 64:
            _parts.clear()
        _parts[digest] = part
    return part


def load_and_build(
    path: str, read_before: str, trusted: tuple[str, ...] = ()
) -> Built | tuple[str, tuple[Problem, ...]]:
    """Load one dossier file and prepare its documents (runs in a worker process).

    ``read_before``: the hash of the file's bytes taken before loading it; ``trusted``:
    the folders it may read sources from besides its own.
    """
    try:
        dossier = load_dossier(Path(path), trusted)
    except DossierError as error:
        return path, error.problems
    return build(dossier, read_before=read_before)


def _worker_start() -> None:
    gc.disable()  # a worker only loads, hands over and exits: see collector_paused
    # Ctrl+C is the parent's to handle: it stops handing out work and rolls back.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load_all(
    files: Sequence[Path],
    digests: Sequence[str],
    workers: int,
    progress: Progress | None = None,
    trusted: tuple[str, ...] = (),
) -> Generator[Built | tuple[str, tuple[Problem, ...]], None, None]:
    """Load and prepare each file, in order, in worker processes when worth it.

    ``digests``: each file's bytes' hash, taken before loading it. ``progress`` is
    told after each file. Closing the iterator (an interrupt) stops the workers.
    """
    names = [str(file) for file in files]
    total = len(names)
    pool = _pool(min(workers, total)) if workers > 1 and total >= PARALLEL_FROM else None
    if pool is None:
        with collector_paused():
            for done, (name, digest) in enumerate(zip(names, digests, strict=True), 1):
                yield load_and_build(name, digest, trusted)
                if progress is not None:
                    progress(done, total)
        return
    try:
        for done, outcome in enumerate(
            pool.map(load_and_build, names, digests, [trusted] * total, chunksize=CHUNK), 1
        ):
            yield outcome
            if progress is not None:
                progress(done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> Executor | None:
    # Imported here: multiprocessing costs a viewer's start-up more than a whole search.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: load in this process
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start)
