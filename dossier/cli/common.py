"""What every command shares: exit codes, the user's-mistake error, the display check."""

from __future__ import annotations

import os
import sys

EXIT_OK = 0
EXIT_FAILURE = 1  # bad input or a failure the user can act on, told in one line
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C


class UserError(Exception):
    """A failure the user can act on; its message is printed as one line."""


def has_display() -> bool:
    """False where Qt would abort for want of a screen (a Linux box without X or Wayland)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen_without_display() -> None:
    """Choose Qt's offscreen platform where there is no screen, so Qt starts anyway."""
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# Results one search may print: the index's own cap (dossier.core.search.index), named
# again here so that reading the arguments of a warm search imports no index.
MAX_LIMIT = 10_000
DEFAULT_SEARCH_LIMIT = 20  # results a search prints unless --limit says otherwise
