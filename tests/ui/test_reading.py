"""Reading a page as a reader does: wheel zoom, the keyboard, the mouse's side buttons,
links in the overview, the timeline's marks, and copying with a citation."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core import anchors
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.ui.focus_frame import FocusFrame
from dossier.ui.main_window import MainWindow
from dossier.ui.panes import ReadingPane

from .conftest import MessageRecorder

TIMEOUT = 15000
CTRL = Qt.KeyboardModifier.ControlModifier


def make_window(qtbot: QtBot, path: Path) -> MainWindow:
    """A shown, active window (focus needs one) with ``path`` open."""
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.open_path(path)
    return window


def pane_of(window: MainWindow, tab_id: str) -> ReadingPane:
    assert window.select_tab(tab_id)
    pane = window.pane(tab_id)
    assert pane is not None
    return pane


def select_text(pane: ReadingPane, text: str, *, to_block_end: bool = False) -> QTextCursor:
    """Select ``text`` in the page (to the end of its block: the ¶ markers too)."""
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    if to_block_end:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    return cursor


def point_size_at(pane: ReadingPane, text: str) -> float:
    """The type size body text is drawn at (its format's size, else the page's)."""
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    size = cursor.charFormat().font().pointSizeF()
    return size if size > 0 else pane.document().defaultFont().pointSizeF()


def ctrl_wheel(pane: ReadingPane, notches: int) -> None:
    widget = pane.viewport()
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        CTRL,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


# -- zoom ----------------------------------------------------------------------------------
def test_ctrl_wheel_zooms_the_body_text_and_ctrl_0_restores_it(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = dossier.sections[0]
    body = section.points[0].text
    pane = pane_of(window, section.id)
    before = point_size_at(pane, body)
    ctrl_wheel(pane, 2)
    assert window.zoom == 2
    pane = pane_of(window, section.id)
    assert point_size_at(pane, body) > before * 1.1  # the body grew, not only the headings
    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)
    assert window.zoom == 0
    assert point_size_at(pane, body) == before
    ctrl_wheel(pane, -1)
    assert window.zoom == -1 and point_size_at(pane, body) < before


# -- the keyboard --------------------------------------------------------------------------
def test_the_page_and_the_results_show_a_focus_frame(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    pane = pane_of(window, "overview")
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    assert pane.focus_frame.isVisible()
    highlight = pane.palette().color(QPalette.ColorRole.Highlight)
    image = pane.grab().toImage()
    assert image.pixelColor(0, image.height() // 2) == highlight  # drawn on the left edge

    panel = window.search_panel
    qtbot.keyClicks(panel.field, "Kuryk")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # into the results
    qtbot.waitUntil(panel.view.hasFocus)
    assert not pane.focus_frame.isVisible()
    frames = [f for f in panel.view.findChildren(FocusFrame) if f.parent() is panel.view]
    assert frames and frames[0].isVisible()


def test_escape_in_the_search_field_returns_to_the_page(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    panel = window.search_panel
    panel.focus_search()
    qtbot.waitUntil(panel.field.hasFocus)
    qtbot.keyClicks(panel.field, "Kuryk")
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == ""  # Esc still clears the search
    pane = window.pane("overview")
    assert pane is not None
    qtbot.waitUntil(pane.hasFocus)
    # from an empty field too
    panel.focus_search()
    qtbot.waitUntil(panel.field.hasFocus)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(pane.hasFocus)


def test_ctrl_home_and_ctrl_end_go_to_the_top_and_the_end(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    pane = pane_of(window, "source:interview")
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    bar = pane.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(pane, Qt.Key.Key_End, CTRL)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(pane, Qt.Key.Key_Home, CTRL)
    assert bar.value() == 0


def test_ctrl_9_goes_to_the_last_tab(qtbot: QtBot, other_dossier: Path) -> None:
    window = make_window(qtbot, other_dossier)
    ids = window.tab_ids()
    assert len(ids) < 9  # there is no ninth tab: Ctrl+9 still has one to go to
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)
    assert window.current_tab_id() == ids[-1]
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_tab_id() == ids[1]


def test_the_mouse_back_and_forward_buttons(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    point = dossier.sections[1].points[0]
    window.reveal(dossier.id, point.anchor)
    section_pane = window.pane(dossier.sections[1].id)
    assert section_pane is not None and window.current_tab_id() == dossier.sections[1].id
    qtbot.mousePress(section_pane.viewport(), Qt.MouseButton.BackButton)
    assert window.current_tab_id() == "overview"
    qtbot.mousePress(window.pages.tabBar(), Qt.MouseButton.ForwardButton)
    assert window.current_tab_id() == dossier.sections[1].id


# -- links in the overview ---------------------------------------------------------------
def test_a_section_named_in_the_overview_opens_its_tab(
    qtbot: QtBot, bundled: Path, messages_seen: MessageRecorder
) -> None:
    window = make_window(qtbot, bundled)
    first = load_dossier(bundled).sections[0]
    pane = pane_of(window, "overview")
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_Tab)  # the first link is the first section's name
    assert pane.textCursor().selectedText() == first.title
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert window.current_tab_id() == first.id
    shown = window.pane(first.id)
    assert shown is not None and shown.highlighted_text() == first.title  # at its top
    assert not [t for t in messages_seen.texts() if "not in this dossier" in t]
    window.back()
    assert window.current_tab_id() == "overview"


def test_a_headline_figure_opens_where_it_stands(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = next(s for s in dossier.sections if s.figures)
    figure = section.figures[0]
    pane = pane_of(window, "overview")
    pane.anchorClicked.emit(QUrl(anchors.go_href(figure.anchor)))
    assert window.current_tab_id() == section.id
    shown = window.pane(section.id)
    assert shown is not None and figure.label in shown.highlighted_text()


# -- the timeline --------------------------------------------------------------------------
def test_the_timeline_marks_planned_items_of_the_as_of_year(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)  # as of Feb 2021
    section = next(s for s in dossier.sections if any(e.date.month == 1 for e in s.events))
    january = next(e for e in section.events if e.date.year == 2021 and e.date.month == 1)
    planned = next(e for e in section.events if e.title.startswith("Planned"))
    text = pane_of(window, section.id).toPlainText()
    assert text.index(january.title) < text.index(planned.title)  # "2021" after Jan 2021
    before = text[: text.index(planned.title)].rstrip()
    assert before.endswith("PLANNED")  # under its date, in the cell before the title
    assert text.index(january.title) < text.rindex(f"As of {dossier.as_of.display()}")


# -- copying -------------------------------------------------------------------------------
def test_copy_gives_clean_text(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = dossier.sections[0]
    first, second = section.points[0], section.points[1]
    pane = pane_of(window, section.id)
    cursor = pane.document().find(first.text)
    end = pane.document().find(second.text)
    cursor.setPosition(cursor.selectionStart() - 1)  # from the end of the line before
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    pane.copy()
    assert QApplication.clipboard().text() == f"{first.text}\n{second.text}"


def select_between(pane: ReadingPane, first: str, last: str, cells_after: int = 0) -> None:
    """Select from the anchor ``first`` to the end of the block of the anchor ``last``
    (or of the cell ``cells_after`` after it)."""
    start, end = pane.anchor_position(first), pane.anchor_position(last)
    assert start is not None and end is not None
    cursor = QTextCursor(pane.document())
    cursor.setPosition(end)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, n=cells_after)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)


def test_copied_table_rows_keep_their_cells_apart(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = next(s for s in dossier.sections if len(s.events) > 1 and not s.events[1].upcoming)
    first, second = section.events[0], section.events[1]
    pane = pane_of(window, section.id)
    select_between(pane, first.anchor, second.anchor, cells_after=1)  # date, then title
    pane.copy()
    assert QApplication.clipboard().text() == (
        f"{first.date.display()}\t{first.title}\n{second.date.display()}\t{second.title}"
    )
    # on a source's page, the words only: the numbers and Q/A turns are the page's
    source = dossier.sources[0]
    pane = pane_of(window, anchors.source(source.id))
    select_between(pane, anchors.paragraph(source.id, 2), anchors.paragraph(source.id, 3))
    pane.copy()
    words = [source.text.paragraph(n).text for n in (2, 3)]
    assert QApplication.clipboard().text() == "\n".join(words)


def citation_of(dossier: Dossier, numbers: list[int]) -> str:
    assert len(dossier.sources) == 1
    listed = ", ".join(str(n) for n in sorted(set(numbers)))
    return f"(Azeri Observer Magazine, 2021, ¶\u00a0{listed})"


def test_copy_with_citation_of_a_point(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = dossier.sections[0]
    point = next(p for p in section.points if len({c.paragraph for c in p.cites}) == 1)
    pane = pane_of(window, section.id)
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    select_text(pane, point.text, to_block_end=True)
    QApplication.clipboard().clear()
    qtbot.keyClick(pane, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    expected = f"{point.text} {citation_of(dossier, [point.cites[0].paragraph])}"
    assert QApplication.clipboard().text() == expected


def test_a_triple_clicked_point_cites_its_own_paragraphs_only(qtbot: QtBot, bundled: Path) -> None:
    """A triple click selects a point up to the first character of the next one: the
    citation names the paragraphs of the point, not of the point after it."""
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section, point = next(
        (s, p)
        for s in dossier.sections
        for p, after in pairwise(s.points)
        if {c.paragraph for c in after.cites} - {c.paragraph for c in p.cites}
    )
    pane = pane_of(window, section.id)
    cursor = select_text(pane, point.text)
    middle = pane.cursorRect(cursor).center()
    qtbot.mouseDClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=middle)  # the third
    selected = pane.textCursor()
    assert point.text in selected.selectedText()
    assert pane.document().findBlock(selected.selectionEnd()) != pane.document().findBlock(
        selected.selectionStart()
    ), "the triple click selects into the next block, as Qt does"
    pane.copy_with_citation()
    numbers = [c.paragraph for c in point.cites]
    assert QApplication.clipboard().text() == f"{point.text} {citation_of(dossier, numbers)}"


def test_copy_with_citation_of_a_figure_and_of_a_source_passage(
    qtbot: QtBot, bundled: Path
) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = next(s for s in dossier.sections if s.figures)
    figure = section.figures[0]
    pane = pane_of(window, section.id)
    position = pane.anchor_position(figure.anchor)
    assert position is not None
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position)  # in the label's cell, which holds the anchor
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)  # the value's cell
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == figure.value_text
    pane.setTextCursor(cursor)
    pane.copy_with_citation()
    numbers = [c.paragraph for c in figure.cites]
    assert QApplication.clipboard().text() == f"{figure.value_text} {citation_of(dossier, numbers)}"

    source = dossier.sources[0]
    passage = source.text.paragraph(26).text[:60]
    pane = pane_of(window, anchors.source(source.id))
    select_text(pane, passage)
    pane.copy_with_citation()
    assert QApplication.clipboard().text() == f"{passage} {citation_of(dossier, [26])}"


def test_copy_with_citation_is_in_the_page_menu(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    pane = pane_of(window, "overview")
    action = pane.copy_citation_action
    assert action in pane.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
