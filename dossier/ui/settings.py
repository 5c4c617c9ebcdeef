"""The one place that creates ``QSettings``: window geometry, zoom, last tab, whether the
section timelines show, recent files, the folder the reader last opened from, the folders
the reader trusts.

Settings are an INI file in the user's configuration folder (``QSettings`` writes it
through a temporary file and a rename, so a crash never leaves half a file). Tests
redirect it with ``QSettings.setPath`` (see ``tests/ui/conftest.py``).

The file is the user's, but anything may have written it: before Qt reads it, a value
Qt would decode into an object (``@Variant(...)``, whose decoding can abort the
process) is removed (:mod:`dossier.ui.settings_file`); and every value read is coerced
to a plain type within a bound, a bad one reset to its default with a one-line notice
(logged as a warning; the window shows it in the status bar).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from dossier.core.text import printable
from dossier.ui import settings_file

ORGANIZATION = "briefing-dossier"
APPLICATION = "Dossier Viewer"
MAX_RECENT = 10
MAX_TRUSTED = 20
ZOOM_RANGE = (-5, 10)
MAX_TEXT = 4096  # characters of one remembered path, tab id or choice
MAX_GEOMETRY = 4096  # bytes of saved window geometry (Qt's is under 100)
MAX_STATE = 65536  # bytes of saved dock and tool bar state

log = logging.getLogger("dossier.ui")
_notices: list[str] = []  # said once, then taken by the window (take_notices)


def open_settings() -> QSettings:
    """The viewer's settings store, its file checked first (see the module docstring)."""
    store = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
    removed = settings_file.repair(Path(store.fileName()))
    if not removed:
        return store
    for what in removed:
        notice(what)
    # A fresh store reads the repaired file (the first one read the old one's bytes).
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def notice(text: str) -> None:
    """Tell the reader, once, that a setting was reset."""
    log.warning("%s", text)
    _notices.append(text)


def take_notices() -> list[str]:
    """The notices not yet shown, oldest first; they are forgotten."""
    taken = list(_notices)
    _notices.clear()
    return taken


# -- reading one value as a plain type ---------------------------------------------------------
def _reset(store: QSettings, key: str, why: str) -> None:
    store.remove(key)
    notice(f"The setting {key} was unreadable ({why}) and has been reset to its default.")


def read_text(store: QSettings, key: str, default: str = "", *, limit: int = MAX_TEXT) -> str:
    """The text kept under ``key``: at most ``limit`` characters, no NUL; else ``default``
    (a bad value is reset)."""
    value = store.value(key)
    if value is None:
        return default
    if isinstance(value, list) and len(value) == 1:  # Qt reads "a" written as ["a"] so
        value = value[0]
    if not isinstance(value, str):
        _reset(store, key, f"not text but {type(value).__name__}")
        return default
    if len(value) > limit or "\x00" in value:
        _reset(store, key, f"{len(value):,} characters" if len(value) > limit else "a NUL")
        return default
    return value


def read_texts(store: QSettings, key: str, *, count: int, limit: int = MAX_TEXT) -> list[str]:
    """The list of texts kept under ``key``, each as :func:`read_text` checks it; at most
    ``count`` are read (a bad list is reset)."""
    value = store.value(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]  # Qt reads a one-item list back as its item
    if not isinstance(value, list):
        _reset(store, key, f"not a list but {type(value).__name__}")
        return []
    items = value[: count * 4]  # a few past the count: some may be empty
    if not all(
        isinstance(item, str) and len(item) <= limit and "\x00" not in item for item in items
    ):
        _reset(store, key, "an item is not a short text")
        return []
    return [item for item in items if item][:count]


def read_flag(store: QSettings, key: str, default: bool = False) -> bool:
    """A yes/no kept as "true" or "false"."""
    text = read_text(store, key, "", limit=8).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    if text:
        _reset(store, key, f"{printable(repr(text))} is neither true nor false")
    return default


def read_choice(store: QSettings, key: str, choices: Sequence[str], default: str) -> str:
    """One of ``choices`` (the default when the value is none of them)."""
    text = read_text(store, key, default, limit=max(map(len, choices), default=1))
    return text if text in choices else default


def read_int(store: QSettings, key: str, low: int, high: int, default: int) -> int:
    """A whole number, clamped to ``low``..``high``."""
    value = store.value(key)
    if value is None:
        return default
    try:
        number = int(str(value)) if isinstance(value, str | int) else None
    except ValueError:
        number = None
    if number is None or isinstance(value, bool):
        _reset(store, key, "not a whole number")
        return default
    return max(low, min(high, number))


def read_bytes(store: QSettings, key: str, limit: int) -> QByteArray | None:
    """Bytes Qt saved (window geometry, dock state): at most ``limit`` of them."""
    value = store.value(key)
    if value is None:
        return None
    if not isinstance(value, QByteArray) or value.size() > limit:
        _reset(store, key, "not the bytes the window saved")
        return None
    return value


class ViewerSettings:
    """Typed access to what the viewer remembers between sessions."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else open_settings()

    @property
    def file_name(self) -> str:
        """Where the settings live (for the About box and for tests)."""
        return self._store.fileName()

    # -- window --------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        return read_bytes(self._store, "window/geometry", MAX_GEOMETRY)

    def set_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return read_bytes(self._store, "window/state", MAX_STATE)

    def set_window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def restore_window(self, window: QMainWindow) -> None:
        """Put ``window`` back where it was, at its size, with its docks, if known."""
        geometry = self.geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        state = self.window_state()
        if state is not None:
            window.restoreState(state)

    def keep_window(self, window: QMainWindow, zoom: int, tab_id: str | None) -> None:
        """Keep ``window``'s place, size and docks, the zoom and the tab shown, and
        write them to disk now (the window is closing)."""
        self.set_geometry(window.saveGeometry())
        self.set_window_state(window.saveState())
        self.set_zoom(zoom)
        if tab_id is not None:
            self.set_last_tab(tab_id)
        self.sync()

    # -- reading -------------------------------------------------------------------------
    def zoom(self) -> int:
        """Zoom steps from the default size (0), clamped to the allowed range."""
        return read_int(self._store, "view/zoom", *ZOOM_RANGE, 0)

    def set_zoom(self, steps: int) -> None:
        self._store.setValue("view/zoom", steps)

    def last_tab(self) -> str | None:
        return read_text(self._store, "view/last_tab", limit=256) or None

    def set_last_tab(self, tab_id: str) -> None:
        self._store.setValue("view/last_tab", tab_id)

    def front_dock(self) -> str:
        """The title of the dock whose tab was in front when the window closed."""
        return read_text(self._store, "view/front_dock", "Search", limit=64)

    def set_front_dock(self, title: str) -> None:
        self._store.setValue("view/front_dock", title)

    def appearance(self) -> str:
        """ "system", "light" or "dark" (the desktop's colours unless chosen)."""
        from dossier.ui.appearance import APPEARANCES

        return read_choice(self._store, "view/appearance", APPEARANCES, "system")

    def set_appearance(self, choice: str) -> None:
        self._store.setValue("view/appearance", choice)

    def section_timeline(self) -> bool:
        """Whether each section's own timeline shows above its page (by default it does)."""
        return read_flag(self._store, "view/section_timeline", True)

    def set_section_timeline(self, on: bool) -> None:
        self._store.setValue("view/section_timeline", "true" if on else "false")

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        """Recently opened dossiers and folders, most recent first."""
        return [Path(item) for item in read_texts(self._store, "files/recent", count=MAX_RECENT)]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self._set_recent([path, *files][:MAX_RECENT])

    def remove_recent(self, path: Path) -> None:
        self._set_recent([p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._set_recent([])

    def _set_recent(self, paths: list[Path]) -> None:
        self._store.setValue("files/recent", [str(p) for p in paths])

    def last_folder(self) -> Path | None:
        """The folder the reader last opened a dossier (or a folder of them) from."""
        value = read_text(self._store, "files/last_folder")
        return Path(value) if value else None

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("files/last_folder", str(folder))

    # -- trusted folders -----------------------------------------------------------------
    def trusted_folders(self) -> list[Path]:
        """The folders the reader lets any dossier read sources from, as chosen."""
        items = read_texts(self._store, "sources/trusted", count=MAX_TRUSTED)
        return [Path(item) for item in items if Path(item).is_absolute()]

    def add_trusted(self, folder: Path) -> None:
        folder = folder.resolve()
        kept = [f for f in self.trusted_folders() if f != folder]
        self._set_trusted([*kept, folder][-MAX_TRUSTED:])

    def remove_trusted(self, folder: Path) -> None:
        self._set_trusted([f for f in self.trusted_folders() if f != folder])

    def _set_trusted(self, folders: list[Path]) -> None:
        self._store.setValue("sources/trusted", [str(f) for f in folders])
        self._store.sync()  # a later session, or a CLI run beside, sees it at once

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()
