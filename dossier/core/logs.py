"""Named loggers that import :mod:`logging` only for a message that may be shown.

Importing ``logging`` (with ``traceback``, ``string``, ``weakref``...) would cost a
warm ``dossier search`` several milliseconds, for the info messages it drops under the
default level. Until something imports ``logging`` nothing can have lowered that
level (WARNING), nor the one :func:`configure_on_first_use` asks for, so a message
below it is dropped here without the import; every other message goes to the standard
logger of the same name, as ``logging.getLogger(name)`` would have had it.
"""

from __future__ import annotations

import sys

from dossier.core.records import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

DEBUG, INFO, WARNING = 10, 20, 30

_PENDING: list[tuple[int, str]] = []  # the basicConfig(level, format) still to apply


def configure_on_first_use(level: int, fmt: str) -> None:
    """``logging.basicConfig(level=level, format=fmt)``, applied when the first message
    is passed on (at once if :mod:`logging` is imported already).

    Only for a process whose every logger on the way is one of this module's: a module
    logging through :mod:`logging` itself would write before the format is set.
    """
    _PENDING[:] = [(level, fmt)]
    if "logging" in sys.modules:
        _standard("dossier")


def _standard(name: str) -> logging.Logger:
    """The standard logger called ``name``, logging configured first if it is to be."""
    import logging

    if _PENDING:
        level, fmt = _PENDING.pop()
        logging.basicConfig(level=level, format=fmt)
    return logging.getLogger(name)


class Logger:
    """A logger by name, standing for ``logging.getLogger(name)`` (debug, info, warning)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def debug(self, msg: str, *args: object, exc_info: bool = False) -> None:
        """Log ``msg % args`` at DEBUG level."""
        self._log(DEBUG, msg, args, exc_info)

    def info(self, msg: str, *args: object) -> None:
        """Log ``msg % args`` at INFO level."""
        self._log(INFO, msg, args, False)

    def warning(self, msg: str, *args: object) -> None:
        """Log ``msg % args`` at WARNING level."""
        self._log(WARNING, msg, args, False)

    def _log(self, level: int, msg: str, args: tuple[object, ...], exc_info: bool) -> None:
        threshold = _PENDING[0][0] if _PENDING else WARNING
        if level < threshold and "logging" not in sys.modules:
            return
        # stacklevel 3: the record names the caller of debug/info/warning, not this.
        _standard(self.name).log(level, msg, *args, exc_info=exc_info, stacklevel=3)


def get_logger(name: str) -> Logger:
    """The logger called ``name``."""
    return Logger(name)
