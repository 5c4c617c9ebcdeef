"""Search off the GUI thread: a service whose work runs in a one-thread pool.

The panel asks; the service answers by signals (queued to the GUI thread, since they
are emitted from the pool's thread). Work runs one task at a time, in order: an index
(re)build, then queries. A query that a newer one replaced before it started is
skipped (the panel would discard its results anyway), so fast typing never piles up
work. Nothing here knows how search works: it calls :mod:`dossier.core.search`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from dossier.core.model import Dossier

if TYPE_CHECKING:
    from dossier.core.search import SearchIndex, SearchResults

log = logging.getLogger("dossier.ui.search")


class SearchService(QObject):
    """Owns the index of the open dossiers; builds it and answers queries in the background.

    It has no Qt parent on purpose: tasks in flight keep it alive, so a panel closed
    mid-query cannot pull it out from under them.
    """

    index_ready = Signal(int, int)  # generation, number of dossiers indexed
    index_failed = Signal(int, str)  # generation, message
    results_ready = Signal(int, object)  # query serial, SearchResults or None (no index yet)
    search_failed = Signal(int, str)  # query serial, message

    def __init__(self) -> None:
        super().__init__()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one task at a time, first come first served
        self._pool.setExpiryTimeout(10_000)
        self._index: SearchIndex | None = None
        self._latest = 0  # written by the GUI thread, read by the pool's thread
        self._shut_down = False

    def set_dossiers(self, generation: int, dossiers: Sequence[Dossier]) -> None:
        """(Re)build the index for ``dossiers`` in the background (the disk cache helps)."""
        chosen = list(dossiers)
        self._shut_down = False  # in use again
        self._pool.start(lambda: self._build(generation, chosen))

    def search(self, serial: int, text: str, limit: int) -> None:
        """Answer a query in the background; older queries not yet started are dropped."""
        self._latest = serial
        self._pool.start(lambda: self._search(serial, text, limit))

    def cancel(self) -> None:
        """Forget queries not yet started."""
        self._latest += 1

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop queued work, wait for the task in progress and close the index's database."""
        self._shut_down = True
        self._pool.clear()
        self._pool.waitForDone(wait_ms)
        if self._index is not None:
            self._index.close()
            self._index = None

    # -- in the pool's thread ------------------------------------------------------------
    def _build(self, generation: int, dossiers: list[Dossier]) -> None:
        # Imported in the worker: SQLite and the loader stay off the viewer's start-up.
        from dossier.core.search import SearchIndex

        try:
            index = SearchIndex.for_dossiers(dossiers)
        except Exception as error:  # reported by the panel; search must not take the app down
            log.exception("cannot index the dossiers for search")
            self.index_failed.emit(generation, str(error) or type(error).__name__)
            return
        if self._shut_down:  # a build that outlasted shutdown's wait: nobody will close it
            index.close()
            return
        if self._index is not None:
            self._index.close()
        self._index = index
        self.index_ready.emit(generation, len(index.entries))

    def _search(self, serial: int, text: str, limit: int) -> None:
        if serial != self._latest:
            return
        if self._index is None:
            self.results_ready.emit(serial, None)
            return
        try:
            found: SearchResults = self._index.search(text, limit=limit)
        except Exception as error:
            log.exception("search for %r failed", text)
            self.search_failed.emit(serial, str(error) or type(error).__name__)
            return
        self.results_ready.emit(serial, found)
