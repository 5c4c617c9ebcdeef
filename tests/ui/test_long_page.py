"""A section of hundreds of points: its tab paints before the page is whole, and
everything that needs the whole page (an item, a search result, the notes) still
finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from dossier.core.html.pages import section_html
from dossier.core.loader import load_dossier
from dossier.ui.panes import ReadingPane
from tests.export.long_dossier import POINTS, long_dossier, point_words

from .test_reading import TIMEOUT, make_window

LAST = f"Point {point_words(POINTS - 1)} begins"


def test_the_tab_paints_its_first_points_before_the_rest_are_set(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(qtbot, long_dossier(tmp_path))
    pane = window.pane("many")
    assert pane is not None
    rendered: list[bool] = []
    pane.rendered.connect(lambda: rendered.append(True))
    assert window.select_tab("many")
    assert f"Point {point_words(0)} begins" in pane.toPlainText()
    assert LAST not in pane.toPlainText()  # still to come, while the window paints
    assert not pane.is_rendered
    qtbot.waitUntil(lambda: pane.is_rendered, timeout=TIMEOUT)
    assert rendered == [True]  # the notes are placed once, on the whole page
    # The page in pieces reads exactly as the page set at once.
    dossier = load_dossier(tmp_path / "long.yaml")
    whole = ReadingPane("many", lambda: section_html(dossier, dossier.sections[0]), pane._theme)
    qtbot.addWidget(whole)
    whole.setHtml(section_html(dossier, dossier.sections[0]))
    assert pane.toPlainText() == whole.toPlainText()


def test_an_item_at_the_end_is_found_before_the_page_is_whole(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, long_dossier(tmp_path))
    pane = window.pane("many")
    assert pane is not None
    window.reveal("long", f"many/point/{POINTS}")  # as a search result's Enter does
    assert window.current_tab_id() == "many"
    assert pane.is_rendered
    assert pane.highlighted_text().startswith(LAST)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.anchor_position(f"many/point/{POINTS}") or 0)
    assert 0 <= pane.cursorRect(cursor).top() < pane.viewport().height()  # scrolled to


# The offscreen platform cannot raise a tooltip's window either.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_only_links_show_a_tooltip(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, long_dossier(tmp_path))
    pane = window.pane("many")
    assert pane is not None
    assert window.select_tab("many")
    qtbot.waitUntil(lambda: pane.is_rendered, timeout=TIMEOUT)
    QToolTip.hideText()

    def tip_at(text: str, offset: int) -> str:
        cursor = pane.document().find(text)
        cursor.setPosition(cursor.selectionStart() + offset)
        where = pane.cursorRect(cursor).center() + QPoint(1, 0)
        event = QHelpEvent(QEvent.Type.ToolTip, where, pane.viewport().mapToGlobal(where))
        QApplication.sendEvent(pane.viewport(), event)
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert tip_at(f"Point {point_words(7)} begins", 2) == ""  # not the anchor's name
    assert "marker" in tip_at("¶ 8", 1)  # a citation shows its passage
