"""A section's own timeline above its page: its events alone, in date order; clicks
and the keyboard take the page to an event; hidden and shown as the reader left it;
drawn in the palette's colours; and no strip for a section without dates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDeadlineTimer, QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core.loader import load_dossier
from dossier.core.pictures.timeline import extent
from dossier.export.pictures.common import Mark
from dossier.ui.main_window import MainWindow
from dossier.ui.panes import ReadingPane
from dossier.ui.pictures.strip import SectionTimeline
from dossier.ui.screenshot import dark_palette
from dossier.ui.theme import is_dark
from tests.conftest import BUNDLED
from tests.core.dossiers import MINIMAL, write
from tests.export.long_dossier import long_dossier
from tests.ui.conftest import focus_as_if_tabbed

from .test_main_window import make_window as remembering_window
from .test_reading import TIMEOUT, make_window

UNDATED = """\
  - id: people
    title: People
    summary: Who is who.
    points:
      - text: Trade fell in 2020.
        cite: "our trade turnover fell by 38% in 2020"
"""


def strip_of(window: MainWindow, tab_id: str) -> SectionTimeline:
    assert window.select_tab(tab_id)
    page = window.pages.section_page(tab_id)
    assert page is not None and page.strip is not None
    strip = page.strip
    qtbot_wait(strip.isVisible)  # a widget added to a shown one shows on the next turn
    return strip


def qtbot_wait(condition: Callable[[], bool]) -> None:
    deadline = QDeadlineTimer(TIMEOUT)
    while not condition():
        assert not deadline.hasExpired()
        QApplication.processEvents()


def marks(qtbot: QtBot, strip: SectionTimeline) -> list[Mark]:
    """The strip's marks as painted, left to right."""
    strip.canvas.repaint()
    qtbot.waitUntil(lambda: bool(strip.canvas.drawing.marks))
    return strip.canvas.marks_in_order()


def in_view(pane: ReadingPane, anchor: str) -> bool:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.anchor_position(anchor) or 0)
    return 0 <= pane.cursorRect(cursor).top() < pane.viewport().height()


def test_the_strip_holds_its_sections_events_alone_in_date_order(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    dossier = window.current_dossier
    assert dossier is not None
    for section in dossier.sections:
        strip = strip_of(window, section.id)
        shown = marks(qtbot, strip)
        assert {m.anchor for m in shown} == {e.anchor for e in section.events}
        starts = [extent(dossier.item(m.anchor).date)[0] for m in shown]  # type: ignore[union-attr]
        assert starts == sorted(starts)
        # the table says the same, row by row, in date order
        table = strip.table
        assert table.rowCount() == len(section.events)
        titles = [cell.text() for r in range(table.rowCount()) if (cell := table.item(r, 1))]
        assert sorted(titles) == sorted(e.title for e in section.events)
    culture = strip_of(window, "culture")
    hover = next(m for m in marks(qtbot, culture) if m.anchor == "culture/event/11")
    assert "30th anniversary of diplomatic relations" in hover.text and "¶" in hover.text


def test_no_strip_for_a_section_without_dated_events(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + UNDATED)
    window = make_window(qtbot, path)
    assert window.select_tab("people")
    assert window.pages.section_page("people") is None
    assert window.select_tab("trade")  # its neighbour has dates
    strips = window.findChildren(SectionTimeline)
    assert [s.accessibleName() for s in strips] == ["Timeline of Trade"]


def test_a_click_on_an_event_scrolls_to_it_and_highlights_it(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    strip = strip_of(window, "culture")
    pane = window.pane("culture")
    assert pane is not None
    qtbot.waitUntil(lambda: pane.is_rendered, timeout=TIMEOUT)
    assert not in_view(pane, "culture/event/11")  # at the foot of a long page
    mark = next(m for m in marks(qtbot, strip) if m.anchor == "culture/event/11")
    centre = mark.rect.center()
    qtbot.mouseClick(strip.canvas, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    # the app's highlight of an item: the block it starts in, its date in the timeline
    assert pane.highlighted_text().split()[0] == "2022"  # its date, then its mark
    (mark_shown,) = pane.extraSelections()
    start = pane.document().findBlock(pane.anchor_position("culture/event/11") or 0)
    assert mark_shown.cursor.block().position() == start.position()
    assert in_view(pane, "culture/event/11")
    window.back()  # the click was a move like any link's
    assert pane.verticalScrollBar().value() == 0


# The mark's text shows as a tooltip, whose window the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_the_keyboard_steps_through_the_events_and_enter_opens_one(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    strip = strip_of(window, "energy")
    pane = window.pane("energy")
    assert pane is not None
    shown = marks(qtbot, strip)
    focus_as_if_tabbed(qtbot, strip.canvas)  # Tabbed into: the first event
    assert strip.canvas.accessibleDescription() == shown[0].text
    qtbot.keyClick(strip.canvas, Qt.Key.Key_Right)
    assert strip.canvas.accessibleDescription() == shown[1].text
    qtbot.keyClick(strip.canvas, Qt.Key.Key_Return)
    (mark_shown,) = pane.extraSelections()
    start = pane.document().findBlock(pane.anchor_position(shown[1].anchor) or 0)
    assert mark_shown.cursor.block().position() == start.position()


def test_hidden_in_one_section_hidden_in_all_and_remembered(qtbot: QtBot) -> None:
    first = remembering_window(qtbot, BUNDLED)
    strip = strip_of(first, "politics")
    assert strip.canvas.isVisible()
    qtbot.mouseClick(strip.toggle, Qt.MouseButton.LeftButton)
    assert not strip.canvas.isVisible() and strip.toggle.isVisible()  # the switch stays
    assert not strip_of(first, "trade").canvas.isVisible()
    first.close()

    second = remembering_window(qtbot, BUNDLED)
    strip = strip_of(second, "trade")
    assert not strip.shown and not strip.canvas.isVisible()
    qtbot.mouseClick(strip.toggle, Qt.MouseButton.LeftButton)
    assert strip.canvas.isVisible()
    second.close()
    assert strip_of(remembering_window(qtbot, BUNDLED), "energy").canvas.isVisible()


def test_planned_and_upcoming_events_are_hatched(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    strip = strip_of(window, "politics")
    shown = {m.anchor: m for m in marks(qtbot, strip)}
    image = strip.canvas.grab().toImage()

    def colours(anchor: str) -> int:
        """How many colours a line along the mark's top crosses (above its label)."""
        rect = shown[anchor].rect.adjusted(3, 0, -3, 0)
        y = round(rect.top() + 2)
        return len({image.pixel(round(rect.left() + rect.width() * i / 40), y) for i in range(41)})

    assert colours("politics/event/3") == 1  # 2021, under way at Feb 2021: solid
    assert colours("politics/event/4") > 2  # "Planned: ..." in 2021: hatched


@pytest.fixture
def restore_palette() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    yield
    app.setPalette(original)


def test_a_dark_palette_draws_it_dark(qtbot: QtBot, restore_palette: object) -> None:
    window = make_window(qtbot, BUNDLED)
    strip = strip_of(window, "politics")
    mark = marks(qtbot, strip)[0]

    def colours() -> tuple[QColor, QColor]:
        image = strip.canvas.grab().toImage()
        corner = image.pixelColor(2, 2)
        inside = image.pixelColor(
            QPoint(round(mark.rect.left()) + 3, round(mark.rect.center().y()))
        )
        return corner, inside

    light_back, light_mark = colours()
    QApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: is_dark(strip.canvas.palette()))  # it reaches widgets next turn
    dark_back, dark_mark = colours()
    assert light_back.lightnessF() > 0.9 and dark_back.lightnessF() < 0.2
    assert light_mark == dark_mark  # a section keeps its colour in either palette


def test_a_long_section_paints_before_its_page_is_whole(qtbot: QtBot, tmp_path: Path) -> None:
    path = long_dossier(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "    points:\n",
        '    events:\n      - date: "2020"\n        title: A year of many points\n'
        '        cite: "marker 1"\n    points:\n',
        1,
    )
    path.write_text(text, encoding="utf-8")
    load_dossier(path)  # valid
    window = make_window(qtbot, path)
    strip = strip_of(window, "many")
    pane = window.pane("many")
    assert pane is not None
    assert not pane.is_rendered  # the strip did not wait for the whole page
    assert [m.anchor for m in marks(qtbot, strip)] == ["many/event/1"]


def _contrast(fore: QColor, back: QColor) -> float:
    """WCAG's contrast ratio of ``fore`` (blended by its alpha) on ``back``."""

    def channels(color: QColor) -> tuple[float, float, float]:
        return color.redF(), color.greenF(), color.blueF()

    a = fore.alphaF()
    blended = [a * f + (1 - a) * b for f, b in zip(channels(fore), channels(back), strict=True)]

    def luminance(rgb: list[float] | tuple[float, float, float]) -> float:
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(blended), luminance(channels(back))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_zoom_hint_is_legible_and_leaves_with_the_picture(qtbot: QtBot, dark: bool) -> None:
    window = make_window(qtbot, BUNDLED)
    if dark:
        window.setPalette(dark_palette())
    strip = strip_of(window, "politics")
    hint = strip.hint
    assert hint.isVisible()
    palette = hint.palette()
    ratio = _contrast(
        palette.color(hint.foregroundRole()), palette.color(QPalette.ColorRole.Window)
    )
    assert ratio >= 3.5, f"the hint's contrast is {ratio:.1f}:1"
    strip.as_table.setChecked(True)  # a table does not zoom: no hint for it
    assert strip.table.isVisible() and not hint.isVisible()
    strip.as_table.setChecked(False)
    assert hint.isVisible()
    qtbot.mouseClick(strip.toggle, Qt.MouseButton.LeftButton)  # the strip hidden
    assert not hint.isVisible()


def test_the_table_takes_the_room_its_rows_need_up_to_a_share_of_the_tab(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    window.resize(1024, 900)
    short = strip_of(window, "politics")  # 4 events: more than the picture's height
    short.as_table.setChecked(True)
    qtbot.waitUntil(short.table.isVisible)
    qtbot.wait(50)  # laid out
    assert short.table.verticalScrollBar().maximum() == 0  # every row in view
    long = strip_of(window, "culture")  # 11 events: more than the share allows
    long.as_table.setChecked(True)
    qtbot.waitUntil(long.table.isVisible)
    qtbot.wait(50)
    page = window.pages.section_page("culture")
    assert page is not None
    assert long.body.height() <= page.height() * 0.34 + 1
    assert long.table.verticalScrollBar().maximum() > 0  # the rest scrolls
    long.as_table.setChecked(False)  # the picture again, at its own height
    assert long.body.height() == min(long.canvas.natural_height(), int(page.height() * 0.34))


def test_a_title_on_a_mark_the_as_of_line_crosses_starts_after_the_line(qtbot: QtBot) -> None:
    window = make_window(qtbot, BUNDLED)
    window.resize(1280, 800)
    strip = strip_of(window, "transport")  # a 2021 event: its mark spans Feb 2021
    marks(qtbot, strip)
    drawing = strip.canvas.drawing
    (line,) = drawing.kept_clear
    assert drawing.hidden_labels == 0  # both titles shown
    assert not [label for label in drawing.labels if label.intersects(line)]
