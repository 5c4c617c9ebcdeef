"""Windows and dialogs open no larger than the screen they are on (a display scaled
to 2x makes a 1200x860 window taller than a 1920x1080 screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dossier.ui import dialogs
from dossier.ui.screen_fit import SHARE, fitted
from tests.ui.conftest import window_for


def _room(widget: QWidget) -> QRect:
    return widget.screen().availableGeometry()


def test_a_size_is_cut_to_the_screen_and_a_small_one_kept(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    room = _room(widget)
    huge = fitted(widget, QSize(room.width() * 3, room.height() * 3))
    assert huge == QSize(int(room.width() * SHARE), int(room.height() * SHARE))
    assert fitted(widget, QSize(300, 200)) == QSize(300, 200)
    tall = fitted(widget, QSize(200, room.height() * 2))
    assert tall.width() == 200 and tall.height() < room.height()


def test_the_window_and_the_file_dialog_open_within_the_screen(qtbot: QtBot) -> None:
    window = window_for(qtbot)  # never shown at a size it kept
    room = _room(window)
    # Offscreen, the screen is 800x800: smaller than the window's first size.
    assert window.width() <= room.width() and window.height() <= room.height()
    dialog = dialogs.open_file_dialog(None, None)
    qtbot.addWidget(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.width() >= min(dialogs.FILE_DIALOG_SIZE.width(), int(room.width() * SHARE))
