"""Search off the GUI thread: a service whose work runs in a one-thread pool.

The panel asks; the service answers by signals, emitted on the GUI thread (the work
runs as :mod:`dossier.ui.operations`, which deliver their outcome there). Work runs
one task at a time, in order: an index (re)build, then queries. A query that a newer
one replaced before it started is skipped (the panel would discard its results
anyway), so fast typing never piles up work. Nothing here knows how search works: it
calls :mod:`dossier.core.search`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from dossier.core.model import Dossier
from dossier.ui import operations

if TYPE_CHECKING:
    from dossier.core.search import SearchIndex, SearchResults

log = logging.getLogger("dossier.ui.search")

_SKIPPED = object()  # a query a newer one replaced before it started


class SearchService(QObject):
    """Owns the index of the open dossiers; builds it and answers queries in the background.

    It has no Qt parent on purpose: tasks in flight keep it alive, so a panel closed
    mid-query cannot pull it out from under them.
    """

    index_ready = Signal(int, int)  # generation, number of dossiers indexed
    index_failed = Signal(int, str)  # generation, message
    results_ready = Signal(int, object)  # query serial, SearchResults or None (no index yet)
    search_failed = Signal(int, str)  # query serial, message
    cache_forgotten = Signal(int, int)  # files and bytes deleted
    forget_failed = Signal(str)  # message

    def __init__(self) -> None:
        super().__init__()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one task at a time, first come first served
        self._pool.setExpiryTimeout(10_000)
        self._index: SearchIndex | None = None
        self._latest = 0  # written by the GUI thread, read by the pool's thread
        self._work: list[operations.Operation[object]] = []  # not yet reported
        self._shut_down = False

    def set_dossiers(self, generation: int, dossiers: Sequence[Dossier]) -> None:
        """(Re)build the index for ``dossiers`` in the background (the disk cache helps)."""
        chosen = list(dossiers)
        self._shut_down = False  # in use again

        def failed(error: BaseException) -> None:
            # reported by the panel; search must not take the app down
            log.error("cannot index the dossiers for search", exc_info=error)
            self.index_failed.emit(generation, str(error) or type(error).__name__)

        self._start(
            lambda: self._build(generation, chosen),
            lambda count: self.index_ready.emit(generation, count),
            failed,
        )

    def search(self, serial: int, text: str, limit: int) -> None:
        """Answer a query in the background; older queries not yet started are dropped."""
        self._latest = serial

        def answered(found: object) -> None:
            if found is not _SKIPPED:
                self.results_ready.emit(serial, found)

        def failed(error: BaseException) -> None:
            log.error("search for %r failed", text, exc_info=error)
            self.search_failed.emit(serial, str(error) or type(error).__name__)

        self._start(lambda: self._search(serial, text, limit), answered, failed)

    def _start(
        self,
        work: Callable[[], object],
        on_success: Callable[[Any], object],
        on_failure: Callable[[BaseException], object],
    ) -> None:
        self._work = [op for op in self._work if op in operations.running()]
        operation = operations.run(work, on_success, on_failure, what="Search", pool=self._pool)
        self._work.append(operation)

    def forget_cache(self) -> None:
        """Close the index and delete the search cache of every library, in the background
        (after the work before it, so no task has the database open)."""

        def failed(error: BaseException) -> None:
            log.error("cannot delete the search cache", exc_info=error)
            self.forget_failed.emit(str(error) or type(error).__name__)

        self._start(self._forget, lambda removed: self.cache_forgotten.emit(*removed), failed)

    @property
    def notice(self) -> str | None:
        """Why the index lives in memory rather than in the cache (None when it does not)."""
        index = self._index
        return None if index is None else index.notice

    def cancel(self) -> None:
        """Forget queries not yet started."""
        self._latest += 1

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop queued work, wait for the task in progress and close the index's database.

        Again, with nothing started since, it does nothing: a panel destroyed at exit
        (after its window closed it) must not wait on a pool already gone."""
        if self._shut_down and self._index is None and not self._work:
            return
        self._shut_down = True
        for operation in self._work:
            operation.cancel()  # work not started is skipped, and nothing reports
        self._work = []
        self._pool.waitForDone(wait_ms)
        if self._index is not None:
            self._index.close()
            self._index = None

    # -- in the pool's thread ------------------------------------------------------------
    def _build(self, generation: int, dossiers: list[Dossier]) -> int:
        """The number of dossiers indexed (``generation`` names the request)."""
        # Imported in the worker: SQLite and the loader stay off the viewer's start-up.
        from dossier.core.search import SearchIndex

        # The old library's index goes first: were this build to fail, it must not go
        # on answering for dossiers no longer open.
        if self._index is not None:
            self._index.close()
            self._index = None
        index = SearchIndex.for_dossiers(dossiers)
        if self._shut_down:  # a build that outlasted shutdown's wait: nobody will close it
            index.close()
            return 0
        self._index = index
        return len(index.entries)

    def _forget(self) -> tuple[int, int]:
        """Files and bytes deleted."""
        from dossier.core.search import forget

        if self._index is not None:
            self._index.close()
            self._index = None
        _, files, size = forget()
        return files, size

    def _search(self, serial: int, text: str, limit: int) -> SearchResults | object | None:
        """The results; None when there is no index yet, ``_SKIPPED`` when replaced."""
        if serial != self._latest:
            return _SKIPPED
        if self._index is None:
            return None
        found: SearchResults = self._index.search(text, limit=limit)
        return found
