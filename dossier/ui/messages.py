"""One place for what the reader is told: a line in the status bar, or a dialog.

:func:`info` writes in the status bar of the window a widget belongs to;
:func:`warning`, :func:`ask_again`, :func:`confirm`, :func:`problems` and :func:`error`
show a dialog (through :mod:`dossier.ui.dialogs`). Each message is logged first and then posted on
:func:`bridge`'s ``posted`` signal, which is how tests see what the reader was told.
Messages are shown from the GUI thread only: background work reports through
:mod:`dossier.ui.operations`, whose callbacks run there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

log = logging.getLogger("dossier.ui")

Level = Literal["info", "warning", "error"]
_LOG_LEVELS = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@dataclass(frozen=True)
class Message:
    """Something the reader was told. ``title`` is set for dialogs; ``lines`` lists
    problems (``file:line:col: message``) or, for an error, the details."""

    level: Level
    text: str
    title: str | None = None
    lines: tuple[str, ...] = ()


class MessageBridge(QObject):
    """Carries every message to whoever listens (the tests' recorder)."""

    posted = Signal(object)  # Message


_bridge: list[MessageBridge] = []  # created on first use


def bridge() -> MessageBridge:
    """The one bridge every message passes."""
    if not _bridge:
        _bridge.append(MessageBridge())
    return _bridge[0]


def info(text: str, *, parent: QWidget | None, timeout_ms: int = 0) -> None:
    """A line in the status bar of ``parent``'s window (0: until replaced)."""
    _post(Message("info", text))
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, timeout_ms)


def clear(parent: QWidget | None) -> None:
    """Empty the status bar of ``parent``'s window."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().clearMessage()


def warning(title: str, text: str, *, parent: QWidget | None) -> None:
    """A dialog saying, in one plain sentence, what did not work."""
    _post(Message("warning", text, title))
    from dossier.ui import dialogs  # on first use: its widget classes slow the first paint

    dialogs.show_message(parent, title, text)


def ask_again(title: str, text: str, again: str, *, parent: QWidget | None) -> bool:
    """A warning that offers to try once more (the button says ``again``); True when
    the reader chose to."""
    _post(Message("warning", text, title))
    from dossier.ui import dialogs

    return dialogs.ask_again(parent, title, text, again)


def confirm(title: str, text: str, yes: str, *, parent: QWidget | None) -> bool:
    """Ask before something that cannot be undone (the button says ``yes``); True when
    the reader agreed."""
    _post(Message("info", text, title))
    from dossier.ui import dialogs

    return dialogs.ask_confirm(parent, title, text, yes)


def problems(title: str, summary: str, lines: Sequence[str], *, parent: QWidget | None) -> None:
    """A dialog listing every problem found (``file:line:col: message``)."""
    _post(Message("warning", summary, title, tuple(lines)))
    from dossier.ui import dialogs

    dialogs.show_problems(parent, title, summary, lines)


def error(summary: str, details: str, *, parent: QWidget | None) -> None:
    """A dialog for something unexpected, with details the reader can copy."""
    _post(Message("error", summary, "Unexpected error", (details,)))
    from dossier.ui import dialogs

    dialogs.show_unexpected(parent, summary, details)


def _post(message: Message) -> None:
    if message.lines and message.level == "error":
        log.error("%s\n%s", message.text, "\n".join(message.lines))
    else:
        log.log(_LOG_LEVELS[message.level], "%s", message.text)
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() != app.thread():
        raise RuntimeError("the reader is told things from the GUI thread only")
    bridge().posted.emit(message)
