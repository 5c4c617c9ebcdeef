"""Render the main window offscreen on one tab and save it as a PNG (for docs and review)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core.library import load_library

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette


class ScreenshotError(Exception):
    """A screenshot could not be made; the message is one line for the user."""


def _use_offscreen_without_display() -> None:
    if "QT_QPA_PLATFORM" in os.environ:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _check_output(output: Path) -> None:
    folder = output.parent if str(output.parent) else Path(".")
    if output.suffix.lower() != ".png":
        raise ScreenshotError(f"{output}: the output must be a .png file")
    if not folder.is_dir():
        raise ScreenshotError(f"{output}: the folder {folder} does not exist")
    if output.is_dir():
        raise ScreenshotError(f"{output} is a folder")
    if not os.access(folder, os.W_OK):
        raise ScreenshotError(f"{output}: cannot write in {folder}")


def run_screenshot(
    dossier_path: Path,
    tab: str | None,
    size: tuple[int, int],
    output: Path,
    *,
    dark: bool = False,
) -> int:
    """Write a PNG of the window on ``tab`` ("overview", a section id, "source:ID").

    ``dark`` (not on the command line) renders with a dark palette, to review it.
    Returns 0; raises ``dossier.cli.UserError`` with one line when it cannot.
    """
    from dossier.cli import UserError

    try:
        return _screenshot(dossier_path, tab, size, output, dark=dark)
    except ScreenshotError as error:
        raise UserError(str(error)) from None


def _screenshot(
    dossier_path: Path, tab: str | None, size: tuple[int, int], output: Path, *, dark: bool
) -> int:
    _check_output(output)
    library = load_library(dossier_path)  # DossierError: the CLI prints every problem
    _use_offscreen_without_display()

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
    wanted = tab or "overview"
    if wanted == "source":
        wanted = next((t for t in ids if t.startswith("source:")), wanted)
    if wanted not in ids:
        window.close()  # stops the search indexing that opening started
        window.deleteLater()
        raise ScreenshotError(f"unknown tab {wanted!r}; valid tabs: {', '.join(ids)}")
    window.resize(*size)
    window.show()
    window.select_tab(wanted)
    for _ in range(3):
        QApplication.processEvents()
    image = window.grab().toImage()
    window.close()
    fd, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".png", dir=output.parent)
    os.close(fd)
    try:
        if not image.save(temp):
            raise ScreenshotError(f"{output}: could not write the image")
        os.replace(temp, output)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return 0


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
    """A dark palette like a desktop's dark mode, for reviewing the dark theme."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1e1e",
        role.AlternateBase: "#2b2b2b",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.ToolTipBase: "#2b2b2b",
        role.ToolTipText: "#e6e6e6",
        role.PlaceholderText: "#8a8a8a",
    }
    for key, value in colors.items():
        palette.setColor(key, QColor(value))
    for key in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, QColor("#7a7a7a"))
    return palette
