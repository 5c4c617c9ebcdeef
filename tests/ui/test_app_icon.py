"""The window carries the app's own icon, not Qt's generic glyph."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.ui.app import ICON_SIZES, application
from dossier.ui.main_window import MainWindow


def test_the_window_shows_the_application_icon_in_every_size(qtbot: QtBot) -> None:
    app = application()
    assert isinstance(app, QApplication)
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert set(ICON_SIZES) <= sizes
    # the shipped picture, not a blank: the 32 px icon has the dossier's blue
    image = icon.pixmap(32, 32).toImage()
    assert image.pixelColor(16, 4).name() == "#1f4e79"
