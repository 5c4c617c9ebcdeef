"""Run slow work off the GUI thread, with its outcome delivered back on the GUI thread.

:func:`run` starts a callable in a thread pool and calls ``on_success(result)`` or
``on_failure(error)`` on the GUI thread once it is done, so callbacks may touch widgets
and show dialogs. Without ``on_failure``, a failure becomes a readable dialog
(:func:`dossier.ui.errors.report`). An :class:`Operation` can be cancelled (its
callbacks are then never called, and work not yet started is skipped) and joined,
which the window does when it closes.

Work that builds Qt objects (documents, layouts, painters) starts only once the event
loop has run the deletions already asked for (``qt_work=True``). PySide keeps Python's
GIL through some Qt calls that take Qt's object locks, such as the first
``QTextDocument.documentLayout()``; a widget deleted on the GUI thread meanwhile takes
such a lock and then waits for the GIL, and both threads wait forever. Widgets just
closed (the dialog that asked for the work) are the likeliest such deletion, so the
work waits for them. Deletions after it has started can still meet it: the sure cure
is a process of its own for that work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger("dossier.ui")

T = TypeVar("T")

_running: set[Operation[Any]] = set()  # keeps each operation alive until it reports


class Operation(QObject, Generic[T]):
    """One piece of work in the background. It lives on the GUI thread, where its
    worker's outcome is queued to it."""

    _done = Signal(bool, object)  # succeeded, result or exception: from the worker

    def __init__(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[BaseException], object] | None,
        parent: QWidget | None,
        what: str,
    ) -> None:
        super().__init__()  # no Qt parent: a closed window must not delete it mid-work
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self.owner = parent  # the window its failure dialogs belong to
        self.what = what
        self.result: T | None = None  # once it has succeeded
        self._cancelled = False
        self._pool: QThreadPool | None = None  # until the work is handed to it
        self._finished = threading.Event()
        self._done.connect(self._deliver)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Never call back; skip the work if it has not started yet."""
        self._cancelled = True

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until the work is over (started or skipped); False on time-out."""
        self.start()  # work still waiting for the event loop would never start now
        return self._finished.wait(timeout_ms / 1000)

    def start(self) -> None:
        """Hand the work to its pool, unless that is done already."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.start(self._run)

    def _queue(self, pool: QThreadPool, after_deletions: bool) -> None:
        self._pool = pool
        if after_deletions:
            # A zero timer fires after the posted events, deferred deletions among them.
            QTimer.singleShot(0, self, self.start)
        else:
            self.start()

    def _run(self) -> None:
        """In the worker thread."""
        try:
            if self._cancelled:
                outcome: tuple[bool, object] = (False, None)
            else:
                outcome = (True, self._work())
        except Exception as error:  # delivered to on_failure; the app runs on
            outcome = (False, error)
        try:
            self._done.emit(*outcome)
        except RuntimeError:  # the app is quitting and took the operation: nobody to tell
            log.debug("%s finished after the app quit", self.what)
        finally:
            # Only now: whoever waits (a closing window, the app quitting) may tear down
            # what the emit touches.
            self._finished.set()

    @Slot(bool, object)
    def _deliver(self, succeeded: bool, result: object) -> None:
        """On the GUI thread."""
        _running.discard(self)
        if self._cancelled:
            return
        if succeeded:
            self.result = result  # type: ignore[assignment]
            self._on_success(result)  # type: ignore[arg-type]
        elif isinstance(result, BaseException):
            if self._on_failure is not None:
                self._on_failure(result)
            else:
                from dossier.ui import errors

                errors.report(self.owner, self.what, result)


def run(
    work: Callable[[], T],
    on_success: Callable[[T], object],
    on_failure: Callable[[BaseException], object] | None = None,
    *,
    parent: QWidget | None = None,
    what: str = "The work",
    pool: QThreadPool | None = None,
    qt_work: bool = False,
) -> Operation[T]:
    """Run ``work`` in ``pool`` (the global one by default); call back on the GUI thread.

    ``parent`` is the window failure dialogs belong to; ``what`` names the work in them.
    ``qt_work``: the work makes Qt objects, so it starts after the pending deletions.
    """
    operation: Operation[T] = Operation(work, on_success, on_failure, parent, what)
    _running.add(operation)
    operation._queue(pool or QThreadPool.globalInstance(), qt_work)
    return operation


def running() -> list[Operation[Any]]:
    """The operations that have not reported yet."""
    return list(_running)


def shutdown(timeout_ms: int = 10_000) -> bool:
    """Cancel every operation and wait for the work in progress, as the app does when
    it quits: no worker may still run while Qt and Python tear down."""
    for operation in running():
        operation.cancel()
    done = join(None, timeout_ms)
    return QThreadPool.globalInstance().waitForDone(timeout_ms) and done


def join(parent: QWidget | None = None, timeout_ms: int = 10_000) -> bool:
    """Wait until the work started for ``parent`` (all work, when None) is over, as a
    window does when it closes; False if some is still running after ``timeout_ms``."""
    chosen = [op for op in running() if parent is None or op.owner is parent]
    return all(op.wait(timeout_ms) for op in chosen)
