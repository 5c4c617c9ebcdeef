"""The one place that creates ``QSettings``: window geometry, zoom, last tab, recent files,
the folder the reader last opened from.

Settings are an INI file in the user's configuration folder (``QSettings`` writes it
through a temporary file and a rename, so a crash never leaves half a file). Tests
redirect it with ``QSettings.setPath`` (see ``tests/ui/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "briefing-dossier"
APPLICATION = "Dossier Viewer"
MAX_RECENT = 10
ZOOM_RANGE = (-5, 10)


def open_settings() -> QSettings:
    """The viewer's settings store."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


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
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    # -- reading -------------------------------------------------------------------------
    def zoom(self) -> int:
        """Zoom steps from the default size (0), clamped to the allowed range."""
        try:
            value = int(str(self._store.value("view/zoom", 0)))
        except ValueError:
            return 0
        return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], value))

    def set_zoom(self, steps: int) -> None:
        self._store.setValue("view/zoom", steps)

    def last_tab(self) -> str | None:
        value = self._store.value("view/last_tab")
        return str(value) if value else None

    def set_last_tab(self, tab_id: str) -> None:
        self._store.setValue("view/last_tab", tab_id)

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        """Recently opened dossiers and folders, most recent first."""
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(str(item)) for item in value if item][:MAX_RECENT]

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
        value = self._store.value("files/last_folder")
        return Path(str(value)) if value else None

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("files/last_folder", str(folder))

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()
