"""The look of the pages: colours from the window's palette, type size from the zoom;
and the window full screen or not."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from dossier.ui.settings import ZOOM_RANGE

if TYPE_CHECKING:  # the theme is worked out when the first page renders
    from dossier.ui.theme import Theme


class PageLook:
    """The theme of the pages, worked out again when the palette or the zoom changes."""

    def __init__(self, widget: QWidget, zoom: int, restyle: Callable[[Theme], object]) -> None:
        """``widget`` gives the palette; ``restyle`` gets each new theme."""
        self._widget = widget
        self._zoom = zoom
        self._restyle = restyle
        self._theme: Theme | None = None

    @property
    def zoom(self) -> int:
        """Text size in steps of 10% from the default."""
        return self._zoom

    def set_zoom(self, steps: int) -> bool:
        """Change the text size (clamped to the allowed range); False if unchanged."""
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        if steps == self._zoom:
            return False
        self._zoom = steps
        self.refresh()
        return True

    @property
    def theme(self) -> Theme:
        """The colours and type of the pages now."""
        if self._theme is None:
            from dossier.ui.theme import theme_for

            self._theme = theme_for(self._widget.palette(), self._zoom)
        return self._theme

    def refresh(self) -> None:
        """Work the theme out again (the palette or the zoom changed); restyle if new."""
        from dossier.ui.theme import theme_for

        theme = theme_for(self._widget.palette(), self._zoom)
        if theme == self._theme:
            return
        self._theme = theme
        self._restyle(theme)


def toggle_full_screen(window: QMainWindow) -> bool:
    """Show ``window`` full screen, or back as it was; True when it is full screen now."""
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()
    return window.isFullScreen()
