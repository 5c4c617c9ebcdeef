"""Notes reach the search dock, the export dialog, and a keyboard-only reader."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from dossier.core.search import MARK_END, MARK_START
from dossier.ui import notes_dialogs
from dossier.ui.notes_dialogs import NoteAnswer

from .conftest import export_dialog, select_text, shown_pane, window_for

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dossier.ui.main_window import MainWindow

TIMEOUT = 15000
PHRASE = "30th anniversary of its"
BODY = "Zanzibar question for the minister"


pytestmark = pytest.mark.usefixtures("fresh_notes")


@pytest.fixture
def noted(qtbot: QtBot, bundled: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """A window on the bundled dossier with one yellow note tagged "meeting"."""
    monkeypatch.setattr(
        notes_dialogs, "ask_note", lambda *_a, **_k: NoteAnswer(BODY, ("meeting",), None)
    )
    window = window_for(qtbot)
    assert window.open_path(bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    assert window.annotator.add_note() is not None
    return window


def test_search_finds_a_note_and_opens_its_place(qtbot: QtBot, noted: MainWindow) -> None:
    panel = noted.search_panel
    noted.select_tab("overview")
    qtbot.keyClicks(panel.field, "zanzibar")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    first = panel.result_rows()[0]
    assert (first.kind, first.anchor) == ("note", "politics/point/1")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert noted.current_tab_id() == "politics"


def test_search_finds_a_note_by_its_words_in_any_order_within_a_section(
    qtbot: QtBot, noted: MainWindow
) -> None:
    panel = noted.search_panel
    qtbot.keyClicks(panel.field, "section:politics minister zanz")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    first = panel.result_rows()[0]
    assert (first.kind, first.anchor) == ("note", "politics/point/1")
    assert f"{MARK_START}minister{MARK_END}" in first.snippet
    assert f"{MARK_START}Zanzibar{MARK_END}" in first.snippet
    panel.field.clear()
    qtbot.keyClicks(panel.field, "section:trade zanzibar")
    wanted = "No results for ‘section:trade zanzibar’"
    qtbot.waitUntil(lambda: panel.count_label.text() == wanted, timeout=TIMEOUT)
    assert panel.result_rows() == []


def test_export_dialog_includes_only_the_chosen_notes(qtbot: QtBot, noted: MainWindow) -> None:
    dossier = noted.current_dossier
    assert dossier is not None
    dialog = export_dialog(qtbot, dossier, noted)
    assert dialog.options().notes is None  # not unless asked for
    dialog.notes.include.setChecked(True)
    chosen = dialog.options().notes
    assert chosen is not None and [n.annotation.body for n in chosen.notes] == [BODY]
    dialog.notes.tag.setCurrentIndex(dialog.notes.tag.findData("meeting"))
    chosen = dialog.options().notes
    assert chosen is not None and len(chosen.notes) == 1 and "#meeting" in chosen.chosen
    dialog.accept()
    # The next export of this dossier offers its notes again, as it does its sections.
    again = export_dialog(qtbot, dossier, noted)
    assert again.notes.include.isChecked() and again.options().notes is not None
    again.notes.include.setChecked(False)
    again.accept()
    assert export_dialog(qtbot, dossier, noted).options().notes is None


def test_keyboard_only_select_and_highlight(qtbot: QtBot, bundled: Path) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    pane = shown_pane(window, "politics")
    with qtbot.waitActive(window):
        window.activateWindow()
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_F7)  # caret browsing
    assert window.annotator.actions.caret_action.isChecked()
    start = pane.document().find(PHRASE, 0, QTextDocument.FindFlag.FindCaseSensitively)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start.selectionStart())
    pane.setTextCursor(cursor)
    for _ in range(len(PHRASE)):
        qtbot.keyClick(pane, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert pane.textCursor().selectedText() == PHRASE
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(pane, Qt.Key.Key_H, ctrl_shift)
    rows = window.notes_panel.visible_rows()
    assert [p.annotation.target.quote.exact for _, p in rows if p.annotation.target.quote] == [
        PHRASE
    ]


def test_hovering_a_note_shows_its_text(
    qtbot: QtBot, noted: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _at, text, *_a: shown.append(text))
    pane = noted.pane("politics")
    assert pane is not None
    qtbot.waitUntil(lambda: noted.annotator.ready)
    start = pane.document().find(PHRASE, 0, QTextDocument.FindFlag.FindCaseSensitively)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start.selectionStart() + 2)
    point = pane.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), event)
    assert shown == [f"<p>{BODY}<br/>#meeting</p>"]
