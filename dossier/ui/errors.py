"""One place for what the reader is told when something goes wrong.

Known errors (a dossier that does not load, a file that cannot be read) become a
plain dialog; anything unexpected is logged and shown with a "Copy details" button,
and the app keeps running. The dialogs are small module functions so that tests
can replace them (``monkeypatch.setattr(errors, "show_problems", ...)``); callers
always go through the module attribute.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

from PySide6.QtGui import Qt  # QtGui's Qt adds convertFromPlainText
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dossier.core.errors import DossierError

log = logging.getLogger("dossier.ui")


def show_problems(parent: QWidget | None, title: str, summary: str, lines: Sequence[str]) -> None:
    """A dialog listing problems (``file:line:col: message``), all of them."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, summary, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are not markup
    shown = "\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else "")
    box.setInformativeText(Qt.convertFromPlainText(shown))
    box.setDetailedText("\n".join(lines))
    box.setAccessibleName(title)
    box.exec()


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    """A plain informational dialog."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    box.exec()


def show_unexpected(parent: QWidget | None, summary: str, details: str) -> None:
    """A dialog for an unexpected failure, with a button copying the details."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", summary, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("The viewer keeps running. The details below help to fix it.")
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def report_dossier_error(parent: QWidget | None, what: str, error: DossierError) -> None:
    """Tell the reader why a dossier did not open (every problem, with its position)."""
    count = len(error.problems)
    summary = f"{what} could not be opened: {count} problem{'s' if count != 1 else ''} found."
    show_problems(parent, "Dossier not opened", summary, [str(p) for p in error.problems])


def report_os_error(parent: QWidget | None, what: str, error: OSError) -> None:
    """Tell the reader a file could not be read or written, in one sentence."""
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    show_message(parent, "File problem", f"{what}: {reason}{where}.")


def report_unexpected(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Log an unexpected exception and show it; never raises."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", details)
    try:
        show_unexpected(parent, f"Something went wrong: {exc_type.__name__}: {exc}", details)
    except Exception:  # a broken dialog must not take the app down
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
