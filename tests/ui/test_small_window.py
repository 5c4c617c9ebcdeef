"""At 800×600 the page keeps its room: a narrow search dock, no sideways scrolling."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dossier.core import anchors
from dossier.ui.docks import DOCK_SHARE
from tests.ui.conftest import select_text, shown_pane, window_for

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane


def small_window(qtbot: QtBot, bundled: Path) -> MainWindow:
    """The window with the bundled dossier and the search dock, made 800×600."""
    window = window_for(qtbot)
    window.resize(1200, 860)
    qtbot.waitExposed(window)
    assert window.open_path(bundled)
    window.search_panel.focus_search()  # docks and shows the panel
    qtbot.waitUntil(window.search_dock.isVisible)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and window.height() == 600)
    return window


def test_the_search_dock_takes_at_most_a_third_of_a_small_window(
    qtbot: QtBot, bundled: Path
) -> None:
    window = small_window(qtbot, bundled)
    qtbot.waitUntil(lambda: window.search_dock.width() <= DOCK_SHARE * window.width() + 1)
    assert DOCK_SHARE <= 0.3
    assert window.search_dock.width() >= window.search_dock.minimumWidth() > 0
    # The results stay usable: a few words a line.
    assert window.search_panel.field.width() > 150


def test_no_page_scrolls_sideways_at_800_by_600(qtbot: QtBot, bundled: Path) -> None:
    window = small_window(qtbot, bundled)
    qtbot.waitUntil(lambda: window.search_dock.width() <= DOCK_SHARE * window.width() + 1)
    for tab in window.tab_ids():
        if tab == anchors.PICTURES:  # charts scale to the window; no page to scroll
            continue
        window.select_tab(tab)
        pane = window.pane(tab)
        assert pane is not None
        pane.ensure_rendered()
        QApplication.processEvents()

        qtbot.waitUntil(partial(fits, pane))
        assert not pane.horizontalScrollBar().isVisible(), tab


def fits(pane: ReadingPane) -> bool:
    """True when the page is no wider than the pane shows."""
    width = pane.document().size().width()
    return width <= pane.viewport().width() and pane.horizontalScrollBar().maximum() == 0


def test_a_wide_window_leaves_the_dock_as_the_reader_sized_it(qtbot: QtBot, bundled: Path) -> None:
    window = small_window(qtbot, bundled)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    window.resizeDocks([window.search_dock], [420], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(window.search_dock.width() - 420) <= 8)
    window.resize(1500, 1000)
    qtbot.waitUntil(lambda: window.width() == 1500)
    QApplication.processEvents()
    assert abs(window.search_dock.width() - 420) <= 8  # 28% of the window: left alone


def notes_window(qtbot: QtBot, bundled: Path, width: int, height: int) -> MainWindow:
    """The window with the bundled dossier at this size, its Notes dock in front."""
    window = window_for(qtbot)
    window.resize(width, height)
    qtbot.waitExposed(window)
    assert window.open_path(bundled)
    window.notes_dock.raise_()
    panel = window.notes_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.colour.count() > 0)
    return window


def test_the_notes_filters_show_their_whole_text_in_a_small_window(
    qtbot: QtBot, bundled: Path
) -> None:
    panel = notes_window(qtbot, bundled, 1024, 640).notes_panel
    for combo in (panel.colour, panel.tag, panel.sort):
        texts = [combo.itemText(i) for i in range(combo.count())]
        widest = max(combo.fontMetrics().horizontalAdvance(text) for text in texts)
        # the text, its arrow and the frame's margins (about 30 px in Qt's styles)
        assert combo.width() >= widest + 30, (combo.accessibleName(), combo.width(), widest)
    assert panel.colour.y() != panel.tag.y()  # stacked, in a dock this narrow


def test_the_notes_dock_keeps_its_width_when_its_first_note_is_made(
    qtbot: QtBot, bundled: Path
) -> None:
    window = notes_window(qtbot, bundled, 1200, 860)
    qtbot.waitUntil(lambda: window.annotator.ready)
    QApplication.processEvents()
    before = window.notes_dock.width()
    pane = shown_pane(window, "politics")
    select_text(pane, "Kazakhstan, like Azerbaijan, marks the 30th anniversary of its")
    assert window.annotator.highlight("yellow") is not None
    qtbot.waitUntil(lambda: window.notes_panel.visible_rows() != [])
    window.resize(1201, 860)  # the window lays its docks out again
    qtbot.waitUntil(lambda: window.width() == 1201)
    QApplication.processEvents()
    # the "No notes yet: select text and press…" hint gave way to "1 note": the dock
    # narrowed by a third with it, and the page the reader was on jumped sideways
    assert abs(window.notes_dock.width() - before) <= 2
    # and its row is as wide as the list: the quote elided, not scrolled to sideways
    window.resizeDocks([window.notes_dock], [260], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.notes_dock.width() < 300)
    view = window.notes_panel.view
    widest = max(view.visualRect(view.model().index(r, 0)).right() for r in range(2))
    assert widest <= view.viewport().width()
