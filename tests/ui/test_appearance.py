"""How the viewer looks, kept from one session to the next: View ▸ Appearance (dark or
light on a desktop that offers no such setting, as the test platform and a bare X11
session do), remembered and undone, and the dock left in front of its tabs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from dossier.ui.main_window import MainWindow
from dossier.ui.theme import is_dark


@pytest.fixture(autouse=True)
def _desktop_colours_back(qapp: QApplication) -> Iterator[None]:
    """Every other test sees the application as it started."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.styleHints().unsetColorScheme()


def _window(qtbot: QtBot, bundled: Path | None = None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if bundled is not None:
        assert window.open_path(bundled)
    return window


def _choices(window: MainWindow) -> dict[str, bool]:
    return {a.data(): a.isChecked() for a in window.appearance_menu.actions()}


def test_dark_is_chosen_remembered_and_undone(qtbot: QtBot, qapp: QApplication) -> None:
    from dossier.core.resources import bundled_dossier_file

    assert not is_dark(qapp.palette())  # the test desktop's own colours are light
    desktop = QPalette(qapp.palette())
    window = _window(qtbot, Path(bundled_dossier_file()))
    assert _choices(window) == {"system": True, "light": False, "dark": False}
    next(a for a in window.appearance_menu.actions() if a.data() == "dark").trigger()
    assert is_dark(qapp.palette())
    qtbot.waitUntil(lambda: window.theme.dark)  # the pages follow
    window.close()
    qapp.setPalette(desktop)  # as a new process would start

    again = _window(qtbot)  # a new session starts dark, before its first paint
    assert is_dark(qapp.palette())
    assert _choices(again) == {"system": False, "light": False, "dark": True}
    again.set_appearance("system")
    assert not is_dark(qapp.palette())
    assert _choices(again) == {"system": True, "light": False, "dark": False}
    again.close()
    assert not is_dark(_window(qtbot).palette())


def test_an_unticked_box_is_outlined_on_a_dark_palette(qtbot: QtBot, qapp: QApplication) -> None:
    window = _window(qtbot)
    window.set_appearance("dark")
    box = QCheckBox("Show as a table")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    edge = image.pixelColor(QPoint(indicator.left() + 1, indicator.center().y()))
    page = image.pixelColor(QPoint(indicator.right() + 6, indicator.center().y()))
    # the frame stands out from the window by far more than Fusion's own shade
    assert abs(edge.lightnessF() - page.lightnessF()) > 0.25, (edge.name(), page.name())
    assert QColor(qapp.palette().color(QPalette.ColorRole.Window)).lightnessF() < 0.3
    assert Qt.CheckState(box.checkState()) == Qt.CheckState.Unchecked


@pytest.mark.usefixtures("fresh_notes")
def test_the_notes_headings_follow_a_switch_while_the_app_runs(
    qtbot: QtBot, qapp: QApplication
) -> None:
    from dossier.core.resources import bundled_dossier_file

    from .conftest import select_text, shown_pane

    window = _window(qtbot, Path(bundled_dossier_file()))
    qtbot.waitUntil(lambda: window.annotator.ready)
    select_text(shown_pane(window, "politics"), "30th anniversary of its")
    assert window.annotator.highlight("yellow") is not None
    model = window.notes_panel.model
    qtbot.waitUntil(lambda: model.rowCount() >= 2)  # the section's heading, the note
    heading = model.index(0, 0)
    font = model.data(heading, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()  # a group's heading

    def band() -> QColor:
        return QColor(model.data(heading, Qt.ItemDataRole.BackgroundRole))

    assert band().lightnessF() > 0.5
    window.set_appearance("dark")
    qtbot.waitUntil(lambda: band().lightnessF() < 0.5, timeout=2000)
    text = window.notes_panel.view.palette().color(QPalette.ColorRole.Text)
    assert text.lightnessF() > 0.5  # light on dark, legible
    window.set_appearance("light")
    qtbot.waitUntil(lambda: band().lightnessF() > 0.5, timeout=2000)


@pytest.mark.usefixtures("fresh_notes")
def test_the_dock_left_in_front_is_in_front_next_time(qtbot: QtBot) -> None:
    from dossier.core.resources import bundled_dossier_file
    from dossier.ui.docks import front_dock

    window = _window(qtbot, Path(bundled_dossier_file()))
    qtbot.waitUntil(lambda: window.annotator.ready)
    assert front_dock(window) == "Search"
    window.notes_dock.raise_()
    qtbot.waitUntil(lambda: front_dock(window) == "Notes")
    window.close()

    again = _window(qtbot, Path(bundled_dossier_file()))
    qtbot.waitUntil(lambda: again.annotator.ready)
    qtbot.waitUntil(lambda: front_dock(again) == "Notes")


def test_a_docks_buttons_are_drawn_in_the_text_colour_on_a_dark_palette(qapp: QApplication) -> None:
    from PySide6.QtWidgets import QStyleOption

    from dossier.ui.appearance import OutlinedFusion, palette_for

    style = OutlinedFusion()
    option = QStyleOption()
    option.palette = palette_for(dark=True)
    close = QStyle.StandardPixmap.SP_DockWidgetCloseButton
    image = style.standardIcon(close, option).pixmap(QSize(16, 16)).toImage()
    drawn = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    ]
    assert drawn and max(c.lightnessF() for c in drawn) > 0.7  # light glyphs on dark
