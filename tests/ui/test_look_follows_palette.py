"""Search rows, tool bar arrows and the search field, as drawn in light and dark palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.ui.actions import MainToolBar
from dossier.ui.screenshot import dark_palette
from dossier.ui.search_panel import SearchPanel
from tests.conftest import BUNDLED
from tests.ui.conftest import bundled_dossier, indexed_panel, window_for

TIMEOUT = 10_000
ROLE = QPalette.ColorRole


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def dark() -> Iterator[None]:
    """The application in a dark palette for one test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    app.setPalette(dark_palette())
    yield
    app.setPalette(original)


@pytest.fixture
def panel(qtbot: QtBot) -> SearchPanel:
    widget = indexed_panel(qtbot, [bundled_dossier()])
    widget.resize(420, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.field.setText("Beket")
    qtbot.waitUntil(lambda: bool(widget.result_rows()), timeout=TIMEOUT)
    return widget


def first_row(panel: SearchPanel) -> QModelIndex:
    return panel.model.index(0, 0, panel.model.index(0, 0))


def format_of(document: QTextDocument, text: str) -> QTextCharFormat:
    """The character format of the first fragment that holds ``text``."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if text in fragment.text():
                return fragment.charFormat()
            it += 1
        block = block.next()
    raise AssertionError(f"{text!r} is not in the row")


def colour_of(document: QTextDocument, text: str, default: QColor) -> QColor:
    fmt = format_of(document, text)
    return fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else default


def check_row_colours(panel: SearchPanel) -> None:
    """The kind and ¶ are muted, readable, and differ from the text and the selection."""
    palette = panel.view.palette()
    text, base = palette.color(ROLE.Text), palette.color(ROLE.Base)
    selection, on_selection = palette.color(ROLE.Highlight), palette.color(ROLE.HighlightedText)
    plain = panel.row_document(first_row(panel))
    selected = panel.row_document(first_row(panel), selected=True)
    for label in ("Entity", "¶"):
        kind = colour_of(plain, label, text)
        assert kind.rgb() not in (text.rgb(), selection.rgb(), base.rgb()), label
        assert contrast(kind, base) >= 3.5, (label, kind.name(), base.name())
        chosen = colour_of(selected, label, on_selection)
        assert chosen.rgb() not in (on_selection.rgb(), selection.rgb(), kind.rgb()), label
        assert contrast(chosen, selection) >= 2.5, (label, chosen.name(), selection.name())
        # On the selection the label is a muted selection text: light where it is light.
        side = on_selection.lightnessF() - selection.lightnessF()
        assert (chosen.lightnessF() - selection.lightnessF()) * side > 0, label


def test_the_kind_and_paragraph_are_muted_and_readable_when_selected(panel: SearchPanel) -> None:
    check_row_colours(panel)


def test_matched_words_are_marked_by_a_background(panel: SearchPanel) -> None:
    palette = panel.view.palette()
    for selected in (False, True):
        match = format_of(panel.row_document(first_row(panel), selected=selected), "Beket")
        back = match.background()
        assert back.style() != Qt.BrushStyle.NoBrush, selected
        assert back.color().rgb() not in (
            palette.color(ROLE.Base).rgb(),
            palette.color(ROLE.Highlight).rgb(),
        )
        assert contrast(match.foreground().color(), back.color()) >= 4.5
    # And it is what the list draws.
    image = panel.view.viewport().grab().toImage()
    mark = format_of(panel.row_document(first_row(panel)), "Beket").background().color()
    rect = panel.view.visualRect(first_row(panel))
    assert count_near(image, mark, rect.top(), rect.bottom()) > 40


def count_near(image: QImage, color: QColor, top: int, bottom: int) -> int:
    """How many pixels of rows ``top``..``bottom`` are (almost) ``color``."""
    found = 0
    for y in range(max(0, top), min(image.height(), bottom + 1)):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(QPoint(x, y))
            if max(abs(pixel.red() - color.red()), abs(pixel.green() - color.green())) < 6:
                found += abs(pixel.blue() - color.blue()) < 6
    return found


def darkest_text(image: QImage, base: QColor) -> float:
    """How much lighter than ``base`` the darkest pixel drawn is (below 0: darker)."""
    lowest = 1.0
    for y in range(0, image.height(), 2):
        for x in range(image.width()):
            lowest = min(lowest, image.pixelColor(QPoint(x, y)).lightnessF())
    return lowest - base.lightnessF()


def test_rows_recolour_and_measure_again_when_the_palette_turns_dark(
    qtbot: QtBot, panel: SearchPanel, dark: None
) -> None:
    base = dark_palette().color(ROLE.Base)
    qtbot.waitUntil(lambda: panel.view.palette().color(ROLE.Base) == base)
    check_row_colours(panel)
    # No label stays in a light palette's black on the dark list.
    image = panel.view.viewport().grab().toImage()
    assert darkest_text(image, base) > -0.05
    # Every row has the height its text needs now.
    group = panel.model.index(0, 0)
    for row in range(panel.model.rowCount(group)):
        index = panel.model.index(row, 0, group)
        assert panel.view.visualRect(index).height() == panel.view.sizeHintForIndex(index).height()


def test_rows_follow_a_change_of_type_size(qtbot: QtBot, panel: SearchPanel) -> None:
    index = first_row(panel)
    before = panel.view.visualRect(index).height()
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    panel.setFont(font)
    qtbot.waitUntil(lambda: panel.view.visualRect(index).height() > before * 1.3)


def test_the_search_field_has_a_visible_frame_in_dark(
    qtbot: QtBot, panel: SearchPanel, dark: None
) -> None:
    qtbot.waitUntil(
        lambda: panel.field.palette().color(ROLE.Base) == dark_palette().color(ROLE.Base)
    )
    panel.view.setFocus()  # the frame must show without the focus ring
    image = panel.grab(panel.field.geometry().adjusted(-3, -3, 3, 3)).toImage()
    window = panel.palette().color(ROLE.Window)
    middle = image.height() // 2
    edge = max(contrast(image.pixelColor(QPoint(x, middle)), window) for x in range(0, 7))
    assert edge >= 2.0


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_back_and_forward_arrows_show_on_the_tool_bar(qtbot: QtBot, palette: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    window = window_for(qtbot)
    try:
        if palette == "dark":
            app.setPalette(dark_palette())
        bar = window.findChild(MainToolBar)
        assert bar is not None
        qtbot.waitUntil(
            lambda: bar.palette().color(ROLE.Window) == app.palette().color(ROLE.Window)
        )
        window_colour = bar.palette().color(ROLE.Window)
        # Disabled, an arrow is as plain as the disabled label beside it, and no plainer.
        disabled = bar.palette().color(QPalette.ColorGroup.Disabled, ROLE.ButtonText)
        for action in (window.window_actions.back, window.window_actions.forward):
            for mode, needed in (
                (QIcon.Mode.Normal, 4.5),
                (QIcon.Mode.Disabled, 0.95 * contrast(disabled, window_colour)),
            ):
                image = action.icon().pixmap(24, 24, mode).toImage()
                assert ink_contrast(image, window_colour) >= needed, (action.text(), mode)
    finally:
        app.setPalette(original)


def ink_contrast(image: QImage, background: QColor) -> float:
    """The contrast of an icon's most opaque pixels against ``background``."""
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(QPoint(x, y))
            if pixel.alpha() > 200:
                best = max(best, contrast(pixel, background))
    return best


def rows_fit(panel: SearchPanel) -> bool:
    """True when every result row is as tall as its text at the list's width."""
    group = panel.model.index(0, 0)
    rows = [panel.model.index(row, 0, group) for row in range(panel.model.rowCount(group))]
    return bool(rows) and all(
        panel.view.visualRect(index).height() == panel.view.sizeHintForIndex(index).height()
        for index in rows
    )


def test_rows_first_shown_in_a_docked_panel_fit_their_text(qtbot: QtBot) -> None:
    """The list appears with its first results, sized for a moment with a scroll bar:
    the rows measure again once it has its final width, leaving no blank lines."""
    window = window_for(qtbot)
    window.resize(1600, 1000)
    assert window.open_path(BUNDLED)
    panel = window.search_panel
    panel.focus_search()
    panel.field.setText("Beket")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: rows_fit(panel), timeout=3000)
