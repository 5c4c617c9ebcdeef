"""Failures turned into what the reader is told.

Known errors (a dossier that does not load, a file that cannot be read) become a
plain dialog; anything unexpected is logged and shown with a "Copy details" button,
and the app keeps running. The messages go through :mod:`dossier.ui.messages`.

A dialog only ever opens on the GUI thread: an error raised on a worker thread is logged
there and posted to the GUI thread to be shown (a modal dialog run on a worker once hung
quit while the main thread waited for that worker).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from dossier.core.errors import DossierError
from dossier.ui import messages

log = logging.getLogger("dossier.ui")


def report(parent: QWidget | None, what: str, error: BaseException) -> None:
    """Tell the reader why ``what`` failed: a known error plainly, anything else with
    details."""
    if isinstance(error, DossierError):
        report_dossier_error(parent, what, error)
    elif isinstance(error, OSError):
        report_os_error(parent, what, error)
    else:
        report_unexpected(type(error), error, error.__traceback__, parent)


def report_dossier_error(parent: QWidget | None, what: str, error: DossierError) -> None:
    """Tell the reader why a dossier did not open (every problem, with its position)."""
    count = len(error.problems)
    summary = f"{what} could not be opened: {count} problem{'s' if count != 1 else ''} found."
    messages.problems(
        "Dossier not opened", summary, [str(p) for p in error.problems], parent=parent
    )


def report_os_error(parent: QWidget | None, what: str, error: OSError) -> None:
    """Tell the reader a file could not be read or written, in one sentence."""
    reason = error.strerror or str(error)
    named = error.filename and str(error.filename) not in what
    where = f" ({error.filename})" if named else ""
    messages.warning("File problem", f"{what}: {reason}{where}.", parent=parent)


def report_unexpected(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Log an unexpected exception and show it (on the GUI thread); never raises."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    if not on_gui_thread():
        log.error("unexpected error off the GUI thread:\n%s", details)
        _post_to_gui(f"Something went wrong: {exc_type.__name__}: {exc}", details)
        return
    try:
        messages.error(f"Something went wrong: {exc_type.__name__}: {exc}", details, parent=parent)
    except Exception:  # a broken dialog must not take the app down (it is logged)
        log.exception("could not show the error dialog")


def on_gui_thread() -> bool:
    """Whether the caller runs on the application's (GUI) thread; False with no app."""
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


class _Poster(QObject):
    """Lives on the GUI thread; a signal emitted from any thread reaches :meth:`show`
    there (a queued connection)."""

    posted = Signal(str, str)  # message, details

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self.show)

    @Slot(str, str)
    def show(self, message: str, details: str) -> None:
        try:
            messages.error(message, details, parent=QApplication.activeWindow())
        except Exception:  # a broken dialog must not take the app down (it is logged)
            log.exception("could not show the error dialog")


_poster: list[_Poster] = []  # made on the GUI thread by install_excepthook


def _post_to_gui(message: str, details: str) -> None:
    """Show an error later on the GUI thread; log only when there is no GUI to show it."""
    app = QApplication.instance()
    if not _poster or app is None or app.closingDown():
        return  # already logged by the caller; quitting must not wait for a dialog
    try:
        _poster[0].posted.emit(message, details)
    except RuntimeError:  # the poster went with the application (shutting down)
        log.debug("error dialog not posted: the application is gone")


_reporting: list[bool] = []  # non-empty while an error is being shown


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if _reporting:  # an error while showing an error: log only
        log.error("error while reporting an error", exc_info=(exc_type, exc, tb))
        return
    if not on_gui_thread():  # never touch the GUI (or the flag below) from a worker
        report_unexpected(exc_type, exc, tb)
        return
    _reporting.append(True)
    try:
        report_unexpected(exc_type, exc, tb, QApplication.activeWindow())
    finally:
        _reporting.clear()


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots, event handlers and Python threads to
    :func:`report_unexpected`; call on the GUI thread once the application exists."""
    if not _poster and on_gui_thread():
        _poster.append(_Poster())
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
