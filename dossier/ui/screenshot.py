"""Draw the main window on one tab into an image (for docs and review), and a dark palette."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core import anchors

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPalette

    from dossier.core.library import Library


class UnknownTabError(LookupError):
    """The window has no tab with the id asked for."""

    def __init__(self, tab: str, valid: Sequence[str]) -> None:
        super().__init__(tab)
        self.tab = tab
        self.valid = tuple(valid)


def grab_window(
    dossier_path: Path,
    library: Library,
    tab: str | None,
    size: tuple[int, int],
    *,
    dark: bool = False,
) -> QImage:
    """The main window showing ``library`` on ``tab``, drawn at ``size`` into an image.

    ``tab`` is "overview" (also when None), a section id, "source:ID", or "source" for
    the first source. ``dark`` renders with a dark palette, to review the dark theme.
    Raises UnknownTabError when the window has no such tab. Qt must be able to start:
    the caller chooses the offscreen platform where there is no display.
    """
    from PySide6.QtWidgets import QApplication

    from dossier.ui.app import application
    from dossier.ui.main_window import MainWindow

    _quiet_offscreen_warnings()
    app = application()
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    window = MainWindow(persist=False)
    window.show_library(dossier_path, library, quiet_failures=True)
    ids = window.tab_ids()
    wanted = tab or anchors.OVERVIEW
    if wanted == "source":
        wanted = next((t for t in ids if anchors.is_source_tab(t)), wanted)
    if wanted not in ids:
        window.close()  # stops the search indexing that opening started
        window.deleteLater()
        raise UnknownTabError(wanted, ids)
    window.resize(*size)
    window.show()
    window.select_tab(wanted)
    for _ in range(3):
        QApplication.processEvents()
    image = window.grab().toImage()
    window.close()
    return image


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen plugin's "propagateSizeHints" notice; log everything else."""
    import logging

    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("dossier.qt")

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
        qt_log.log(level, "%s", message)

    qInstallMessageHandler(handler)


def dark_palette() -> QPalette:
    """The viewer's own dark palette (View ▸ Appearance ▸ Dark), for reviewing the dark
    theme as a reader who chose it sees it."""
    from dossier.ui.appearance import palette_for

    return palette_for(dark=True)
