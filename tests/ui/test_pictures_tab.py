"""The Pictures tab in the window: drawn when first opened, and its marks open their item."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from dossier.core import anchors
from dossier.ui.main_window import MainWindow
from dossier.ui.pictures import PicturesView
from tests.ui.conftest import open_id


def make_window(qtbot: QtBot, path: Path) -> MainWindow:
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    assert window.open_path(path)
    return window


def pictures_of(window: MainWindow) -> PicturesView:
    view = window.findChild(PicturesView)
    assert view is not None
    return view


def test_pictures_are_drawn_only_when_the_tab_is_first_opened(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    assert window.findChild(PicturesView) is None  # opening the dossier did not pay for the charts
    assert window.select_tab(anchors.PICTURES)
    assert window.current_tab_id() == anchors.PICTURES
    view = pictures_of(window)
    assert view.dossier is not None and view.dossier.id == open_id(window)
    assert view.tabs.count() >= 3  # timeline, map, who works with whom, figures


def test_a_mark_opens_its_item_and_back_returns_to_the_pictures(
    qtbot: QtBot, bundled: Path
) -> None:
    window = make_window(qtbot, bundled)
    window.select_tab(anchors.PICTURES)
    dossier = window.current_dossier
    assert dossier is not None
    event = dossier.sections[0].events[0]
    pictures_of(window).item_activated.emit(event.anchor)
    assert window.current_tab_id() == dossier.sections[0].id
    window.back()
    assert window.current_tab_id() == anchors.PICTURES


def test_a_section_cannot_take_the_pictures_tab_id(tmp_path: Path) -> None:
    from dossier.core.errors import DossierError
    from dossier.core.loader import load_dossier
    from tests.core.dossiers import MINIMAL, write

    path = write(tmp_path, MINIMAL.replace("  - id: trade", "  - id: pictures", 1))
    try:
        load_dossier(path)
    except DossierError as error:
        assert any("reserved" in p.message for p in error.problems)
    else:
        raise AssertionError("a section with the id 'pictures' loaded")


def test_the_graph_hint_stays_legible_when_the_appearance_is_switched(
    qtbot: QtBot, bundled: Path
) -> None:
    window = make_window(qtbot, bundled)
    window.set_appearance("light")
    assert window.select_tab(anchors.PICTURES)
    hint = pictures_of(window).node_items

    def contrast() -> float:
        ink = hint.item(0).foreground().color().lightnessF()
        return abs(ink - hint.palette().color(QPalette.ColorRole.Base).lightnessF())

    try:
        assert hint.item(0).text().startswith("Click a name")
        assert contrast() > 0.3
        window.set_appearance("dark")  # while the app runs, the hint already shown
        qtbot.waitUntil(
            lambda: hint.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.3, timeout=2000
        )
        assert contrast() > 0.3
    finally:
        window.set_appearance("system")
