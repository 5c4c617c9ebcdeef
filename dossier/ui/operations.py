"""Run slow work off the GUI thread, with its outcome delivered back on the GUI thread.

:func:`run` starts a callable in a thread pool and calls ``on_success(result)`` or
``on_failure(error)`` on the GUI thread once it is done, so callbacks may touch widgets
and show dialogs. Without ``on_failure``, a failure becomes a readable dialog
(:func:`dossier.ui.errors.report`). An :class:`Operation` can be cancelled (its
callbacks are then never called, and work not yet started is skipped) and joined,
which the window does when it closes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
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
        return self._finished.wait(timeout_ms / 1000)

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
) -> Operation[T]:
    """Run ``work`` in ``pool`` (the global one by default); call back on the GUI thread.

    ``parent`` is the window failure dialogs belong to; ``what`` names the work in them.
    """
    operation: Operation[T] = Operation(work, on_success, on_failure, parent, what)
    _running.add(operation)
    (pool or QThreadPool.globalInstance()).start(operation._run)
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
