"""Failures turned into what the reader is told.

Known errors (a dossier that does not load, a file that cannot be read) become a
plain dialog; anything unexpected is logged and shown with a "Copy details" button,
and the app keeps running. The messages go through :mod:`dossier.ui.messages`.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

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
    """Log an unexpected exception and show it; never raises."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        messages.error(f"Something went wrong: {exc_type.__name__}: {exc}", details, parent=parent)
    except Exception:  # a broken dialog must not take the app down (it is logged)
        log.exception("could not show the error dialog")


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
    _reporting.append(True)
    try:
        report_unexpected(exc_type, exc, tb, QApplication.activeWindow())
    finally:
        _reporting.clear()


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots and event handlers to :func:`report_unexpected`."""
    sys.excepthook = _excepthook
