"""Start the viewer: the application object, the window, the first dossier."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication

from dossier import __version__
from dossier.core.resources import bundled_dossier, resource_path
from dossier.ui import errors
from dossier.ui.settings import APPLICATION, ORGANIZATION

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The application's icon in every shipped size (PNGs: no image plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"briefing-dossier-{size}.png")))
    return icon


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once with the names settings are stored under."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("briefing-dossier")
    app.setWindowIcon(app_icon())
    from dossier.export.fonts import register_fonts, registered

    if not registered():  # else register_fonts pinned the application font already
        pin_desktop_fonts(app)
    register_fonts()  # the pages and the printed briefing are set in the same type
    return app


# The widget classes a desktop's platform theme may give fonts of their own.
THEMED_CLASSES = (
    "QMenu",
    "QMenuBar",
    "QMenuItem",
    "QMessageBox",
    "QLabel",
    "QTipLabel",
    "QStatusBar",
    "QDockWidgetTitle",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QToolButton",
    "QAbstractItemView",
    "QListView",
    "QHeaderView",
    "QComboMenuItem",
    "QComboLineEdit",
    "QTabBar",
    "QSmallFont",
    "QMiniFont",
)


def pin_desktop_fonts(app: QApplication) -> None:
    """Name the families the desktop's fonts resolve to now, before the shipped fonts
    are registered.

    The interface asks for a generic family ("Sans Serif") that fontconfig resolves
    by preference; where it prefers a shipped family (Noto Sans, of which only the
    bold face ships), registering it would turn every menu, tab and label bold.
    """
    base = app.font()
    fonts: Any = QApplication  # the stubs type class names as bytes; PySide6 takes str
    themed = {name: fonts.font(name) for name in THEMED_CLASSES}
    app.setFont(_pinned(base))  # this also drops the per-class fonts: set them again
    for name, font in themed.items():
        if font != base:
            fonts.setFont(_pinned(font), name)


def _pinned(font: QFont) -> QFont:
    pinned = QFont(font)
    pinned.setFamilies([QFontInfo(font).family()])
    return pinned


def run_viewer(path: Path | None, trusted: Sequence[Path] = ()) -> int:
    """Open the viewer on ``path`` (a dossier or a folder) or the bundled dossier;
    ``trusted``: folders its dossiers may read sources from in this session."""
    app = application()
    errors.install_excepthook()
    from dossier.ui.main_window import MainWindow

    window = MainWindow()
    window.trust_for_session(list(trusted))
    window.show()
    window.open_when_shown(path if path is not None else bundled_dossier())
    status = app.exec()
    from dossier.ui import operations

    operations.shutdown()  # no background work outlives the event loop
    return status
