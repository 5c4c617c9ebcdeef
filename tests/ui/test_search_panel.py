"""The search panel: type, see results grouped by section, open one, step, clear, recall."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from dossier.core.loader import load_dossier
from dossier.core.model import Entity
from dossier.core.search import SearchIndex
from dossier.ui.search_panel import SearchPanel
from dossier.ui.search_rows import HTML_ROLE
from dossier.ui.search_widgets import EMPTY_TEXT
from tests.ui.conftest import bare_window, bundled_dossier, indexed_panel

TIMEOUT = 10_000


@pytest.fixture
def panel(qtbot: QtBot) -> SearchPanel:
    widget = indexed_panel(qtbot, [bundled_dossier()])
    widget.resize(420, 600)
    return widget


def type_query(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, text)


def wait_for_rows(qtbot: QtBot, panel: SearchPanel) -> None:
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)


def test_empty_state(panel: SearchPanel) -> None:
    assert panel.field.placeholderText() == "Search (Ctrl+F)"
    assert panel.field.isClearButtonEnabled()
    assert panel.count_label.text() == "Type to search…"
    assert panel.field.accessibleName() and panel.view.accessibleName()
    assert panel.result_rows() == []


def test_a_section_alone_asks_for_words(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "section:trade")
    wanted = "Type words to look for in section ‘trade’"
    qtbot.waitUntil(lambda: panel.count_label.text() == wanted, timeout=TIMEOUT)
    type_query(qtbot, panel, " turnover")
    wait_for_rows(qtbot, panel)
    assert {row.section_id for row in panel.result_rows()} == {"trade"}


def test_a_section_the_dossier_lacks_is_said(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "section:tarde grain")
    wanted = "There is no section ‘tarde’"
    qtbot.waitUntil(lambda: panel.count_label.text() == wanted, timeout=TIMEOUT)
    assert panel.result_rows() == []


def test_type_see_results_press_enter_open_the_item(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "Beket")
    wait_for_rows(qtbot, panel)
    rows = panel.result_rows()
    top = bundled_dossier().item(rows[0].anchor)
    assert isinstance(top, Entity) and top.name == "Beket Ata"
    assert panel.count_label.text() == f"{len(rows)} results"
    # Grouped by section: the first group is the top result's section.
    assert panel.model.item(0).text() == bundled_dossier().section("transport").title
    with qtbot.waitSignal(panel.result_activated, timeout=TIMEOUT) as opened:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert opened.args == [bundled_dossier().id, rows[0].anchor]


def test_click_opens_a_result(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    type_query(qtbot, panel, "grain Kuryk")
    wait_for_rows(qtbot, panel)
    group = panel.model.index(0, 0)
    second = panel.model.index(1, 0, group)
    panel.view.scrollTo(second)
    rect = panel.view.visualRect(second)
    with qtbot.waitSignal(panel.result_activated, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[1] == panel.model.data(second, Qt.ItemDataRole.UserRole + 1).anchor


def test_snippets_are_bold_and_the_kind_and_paragraph_are_shown(
    qtbot: QtBot, panel: SearchPanel
) -> None:
    type_query(qtbot, panel, "Beket")
    wait_for_rows(qtbot, panel)
    group = panel.model.index(0, 0)
    html = str(panel.model.data(panel.model.index(0, 0, group), HTML_ROLE))
    assert "<b>Beket</b>" in html and "Entity" in html and "¶" in html


def test_no_results_state(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "zzqxjw")
    qtbot.waitUntil(lambda: panel.count_label.text() == "No results for ‘zzqxjw’", timeout=TIMEOUT)
    assert panel.result_rows() == []


def test_escape_clears(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "Kuryk")
    wait_for_rows(qtbot, panel)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == ""
    assert panel.result_rows() == []
    assert panel.count_label.text() == EMPTY_TEXT


def test_history_is_one_keystroke_away(qtbot: QtBot, panel: SearchPanel) -> None:
    for text in ("Beket", "Kuryk"):
        type_query(qtbot, panel, text)
        wait_for_rows(qtbot, panel)
        with qtbot.waitSignal(panel.result_activated, timeout=TIMEOUT):
            qtbot.keyClick(panel.field, Qt.Key.Key_Return)
        qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.history() == ["Kuryk", "Beket"]
    qtbot.keyClick(panel.field, Qt.Key.Key_Up)
    assert panel.field.text() == "Kuryk"
    qtbot.keyClick(panel.field, Qt.Key.Key_Up)
    assert panel.field.text() == "Beket"
    wait_for_rows(qtbot, panel)  # a recalled search runs
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.field.text() == ""


def test_f3_steps_through_the_results(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "Kuryk")
    wait_for_rows(qtbot, panel)
    rows = panel.result_rows()
    opened: list[str] = []
    panel.result_activated.connect(lambda _d, anchor: opened.append(anchor))
    panel.next_action.trigger()
    panel.next_action.trigger()
    panel.previous_action.trigger()
    panel.previous_action.trigger()  # wraps to the last
    assert opened == [rows[0].anchor, rows[1].anchor, rows[0].anchor, rows[-1].anchor]
    assert panel.next_action.shortcut().toString() == "F3"
    assert panel.previous_action.shortcut().toString() == "Shift+F3"


def test_shortcuts_work_anywhere_in_the_window(qtbot: QtBot, panel: SearchPanel) -> None:
    window = bare_window(qtbot)
    other = QLineEdit(window)
    window.setCentralWidget(other)
    panel.attach_shortcuts(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus()
    type_query(qtbot, panel, "Beket")
    wait_for_rows(qtbot, panel)
    with qtbot.waitSignal(panel.result_activated, timeout=TIMEOUT) as opened:
        qtbot.keyClick(other, Qt.Key.Key_F3)
    assert opened.args[1] == panel.result_rows()[0].anchor
    qtbot.keyClick(other, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.field.selectedText() == "Beket"


def test_focus_search_selects_the_text(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=TIMEOUT)
    type_query(qtbot, panel, "Kuryk")
    wait_for_rows(qtbot, panel)  # the results list shows, and can take the focus
    panel.view.setFocus()
    assert panel.view.hasFocus() and not panel.field.hasFocus()
    panel.focus_search()
    assert panel.field.hasFocus()
    assert panel.field.selectedText() == "Kuryk"


def test_down_moves_into_the_results_and_enter_opens(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    type_query(qtbot, panel, "Beket")
    wait_for_rows(qtbot, panel)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.result_activated, timeout=TIMEOUT) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args[1] == panel.result_rows()[1].anchor


def test_results_of_an_older_query_are_discarded(qtbot: QtBot, panel: SearchPanel) -> None:
    type_query(qtbot, panel, "Kur")
    panel.field.clear()
    type_query(qtbot, panel, "Beket")
    wait_for_rows(qtbot, panel)
    assert all("Beket" in row.text for row in panel.result_rows())
    with SearchIndex.for_dossiers([bundled_dossier()], cache=False) as index:
        stale = index.search("Kuryk")
    panel.service.results_ready.emit(0, stale)  # from this thread: delivered at once
    assert all("Beket" in row.text for row in panel.result_rows())


def test_dossier_text_is_escaped(qtbot: QtBot, hostile_dossier: Path) -> None:
    widget = indexed_panel(qtbot, [load_dossier(hostile_dossier)])
    type_query(qtbot, widget, "click")
    wait_for_rows(qtbot, widget)
    group = widget.model.index(0, 0)
    html = str(widget.model.data(widget.model.index(0, 0, group), HTML_ROLE))
    assert "<a " not in html and "<img" not in html
    assert "&lt;a href=&quot;http://evil.example/x&quot;&gt;<b>click</b>" in html


def test_tooltips_show_dossier_text_as_text(qtbot: QtBot, hostile_dossier: Path) -> None:
    widget = indexed_panel(qtbot, [load_dossier(hostile_dossier)])
    type_query(qtbot, widget, "evil")
    wait_for_rows(qtbot, widget)
    model = widget.model
    rows = [
        model.index(row, 0, model.index(group, 0))
        for group in range(model.rowCount())
        for row in range(model.rowCount(model.index(group, 0)))
    ]
    assert len(rows) >= 3
    for index in rows:
        tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
        # What QToolTip shows: rich text when the tip looks like it, else plain text.
        shown = QTextDocument()
        if GuiQt.mightBeRichText(tip):
            shown.setHtml(tip)
        else:
            shown.setPlainText(tip)
        title = '<img src="http://evil.example/title.png"> Title'
        assert shown.toPlainText().startswith(f"{title} — "), tip


def test_several_dossiers_are_grouped_by_dossier_too(qtbot: QtBot, other_dossier: Path) -> None:
    widget = indexed_panel(qtbot, [bundled_dossier(), load_dossier(other_dossier)])
    type_query(qtbot, widget, "trade fell")
    wait_for_rows(qtbot, widget)
    groups = [widget.model.item(row).text() for row in range(widget.model.rowCount())]
    assert any(g.startswith("Another relationship › ") for g in groups)
    assert any(g.startswith(f"{bundled_dossier().title} › ") for g in groups)
    assert {row.dossier_id for row in widget.result_rows()} == {"kz-az-2021", "other"}


def test_typing_before_the_index_is_ready_still_answers(qtbot: QtBot) -> None:
    widget = SearchPanel()
    qtbot.addWidget(widget)
    widget.set_dossiers([bundled_dossier()])
    type_query(qtbot, widget, "Beket")
    wait_for_rows(qtbot, widget)
    assert widget.result_rows()[0].anchor.startswith("transport/")


def test_a_library_that_cannot_be_indexed_shows_none_of_the_one_before(
    qtbot: QtBot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_query(qtbot, panel, "Kuryk")
    wait_for_rows(qtbot, panel)

    def refused(_dossiers: object) -> SearchIndex:
        raise OSError("the disk is full")

    monkeypatch.setattr(SearchIndex, "for_dossiers", refused)
    panel.set_dossiers([bundled_dossier()])
    unavailable = "Search is unavailable: the disk is full"
    qtbot.waitUntil(lambda: panel.count_label.text() == unavailable, timeout=TIMEOUT)
    assert panel.result_rows() == []
    panel.field.clear()
    with qtbot.waitSignal(panel.service.results_ready, timeout=TIMEOUT) as answer:
        type_query(qtbot, panel, "Beket")
    assert answer.args is not None and answer.args[1] is None  # no index: the old one closed
    assert panel.result_rows() == []
    assert panel.count_label.text() == unavailable
