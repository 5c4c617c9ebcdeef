"""Start the viewer: the application object, the window, the first dossier."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dossier import __version__
from dossier.core.resources import bundled_dossier
from dossier.ui import errors
from dossier.ui.settings import APPLICATION, ORGANIZATION


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
    from dossier.export.fonts import register_fonts

    register_fonts()  # the screen and the printed page are set in the same type
    return app


def run_viewer(path: Path | None) -> int:
    """Open the viewer on ``path`` (a dossier or a folder) or the bundled dossier."""
    app = application()
    errors.install_excepthook()
    from dossier.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.open_when_shown(path if path is not None else bundled_dossier())
    return app.exec()
