"""The analyst's notes in the viewer: select → highlight → note, the dock, undo, restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from dossier.core.notes import open_store
from dossier.ui import notes_dialogs, notes_store
from dossier.ui.notes_dialogs import NoteAnswer

from .conftest import MessageRecorder, select_text, shown_pane, window_for

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane

PHRASE = "30th anniversary of its"
FIGURE_WORDS = "Foreign direct investment"
KEEP = QTextCursor.MoveMode.KeepAnchor
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


pytestmark = pytest.mark.usefixtures("fresh_notes")


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[str, ...]] | None]:
    """What the note dialog answers, in turn (instead of showing it)."""
    queue: list[tuple[str, tuple[str, ...]] | None] = []

    def ask(_parent: Any, _title: str, _quote: str, _body: str, _tags: Any, **kw: Any) -> Any:
        answer = queue.pop(0)  # (body, tags): the colour the dialog opened with is kept
        return None if answer is None else NoteAnswer(*answer, kw.get("colour"))

    monkeypatch.setattr(notes_dialogs, "ask_note", ask)
    return queue


def opened(qtbot: QtBot, path: Path) -> MainWindow:
    window = window_for(qtbot)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.annotator.ready)  # the page painted, the notes placed
    return window


def two_highlights(qtbot: QtBot, path: Path) -> tuple[MainWindow, ReadingPane]:
    """A window with a yellow highlight and a green one on the politics page."""
    window = opened(qtbot, path)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    window.annotator.highlight("yellow")
    select_text(pane, FIGURE_WORDS)
    window.annotator.highlight("green")
    return window, pane


def mark_texts(pane: ReadingPane) -> list[str]:
    """The text under each note mark drawn in a pane."""
    return [s.cursor.selectedText() for s in pane._note_marks]


def test_select_highlight_note_then_restart_keeps_it(
    qtbot: QtBot, bundled: Path, answers: list[Any]
) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    highlight = window.annotator.highlight("green")
    assert highlight is not None and highlight.target.anchor == "politics/point/1"
    assert mark_texts(pane) == [PHRASE]
    # The cursor inside the highlight: Add Note writes on it.
    cursor = QTextCursor(pane.document())
    cursor.setPosition(
        pane.document().find(PHRASE, 0, QTextDocument.FindFlag.FindCaseSensitively).selectionStart()
        + 3
    )
    pane.setTextCursor(cursor)
    answers.append(("Raise the anniversary visit.", ("meeting",)))
    window.annotator.add_note()
    window.close()
    notes_store.close_session()  # the app quits

    again = opened(qtbot, bundled)
    pane = shown_pane(again, "politics")
    qtbot.waitUntil(lambda: mark_texts(pane) == [PHRASE])  # drawn once the page is painted
    rows = again.notes_panel.visible_rows()
    assert [(p.annotation.body, p.annotation.tags, p.annotation.kind) for _, p in rows] == [
        ("Raise the anniversary visit.", ("meeting",), "note")
    ]


def test_a_drag_that_stops_mid_word_highlights_whole_words(qtbot: QtBot, bundled: Path) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, "0th anniversary of i")  # "30th anniversary of its", clipped at each end
    highlight = window.annotator.highlight("yellow")
    assert highlight is not None and highlight.target.quote is not None
    assert highlight.target.quote.exact == PHRASE
    assert mark_texts(pane) == [PHRASE]


POINT = "Kazakhstan, like Azerbaijan, marks the 30th anniversary of its independence in 2021."


def test_a_triple_clicked_point_is_highlighted_whole(
    qtbot: QtBot, bundled: Path, messages_seen: MessageRecorder
) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    window.resize(1200, 860)
    pane.ensure_rendered()
    found = pane.document().find(PHRASE, 0, QTextDocument.FindFlag.FindCaseSensitively)
    pane.setTextCursor(found)
    pane.ensureCursorVisible()
    at = pane.cursorRect(found).center()
    pane.setTextCursor(QTextCursor(pane.document()))
    viewport = pane.viewport()
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)  # the third click
    assert pane.textCursor().selectedText().startswith(POINT)  # the block, with its "¶ 7"
    window.annotator.actions.highlight_action.trigger()  # the toolbar's Highlight
    (mark,) = pane._note_marks
    assert mark.cursor.selectedText() == POINT
    assert messages_seen.texts()[-1] == "Highlight added"
    # a selection that runs on into the next point is still refused, and said so
    document = pane.document()
    across = QTextCursor(document)
    across.setPosition(document.find("independence in 2021").selectionStart())
    across.setPosition(document.find("The ambassador credits").selectionEnd(), KEEP)
    pane.setTextCursor(across)
    window.annotator.actions.highlight_action.trigger()
    assert "runs past it" in messages_seen.texts()[-1]
    assert len(pane._note_marks) == 1


def test_a_note_without_a_colour_does_not_pass_for_a_highlight(
    qtbot: QtBot, bundled: Path, answers: list[Any]
) -> None:
    from dossier.ui.notes_look import SWATCHES

    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    answers.append(("Ask about the visit.", ()))
    window.annotator.add_note()
    (mark,) = pane._note_marks
    assert mark.cursor.selectedText() == PHRASE
    background = mark.format.background().color().name()
    assert background not in {light for light, _ in SWATCHES.values()}  # no colour's look
    assert mark.format.underlineStyle() == mark.format.UnderlineStyle.DashUnderline


def test_citation_links_still_work_under_a_highlight(qtbot: QtBot, bundled: Path) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, "Kazakhstan, like Azerbaijan, marks the 30th anniversary of its")
    assert window.annotator.highlight() is not None
    assert 'href="cite:' in pane.toHtml()  # the document itself was not touched
    with qtbot.waitSignal(window.pages.citation_activated):
        anchor = pane.document().find("¶")
        href = anchor.charFormat().anchorHref()
        pane.anchorClicked.emit(href)


def test_a_figure_and_a_source_paragraph_can_be_highlighted(qtbot: QtBot, bundled: Path) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, FIGURE_WORDS)
    figure = window.annotator.highlight("blue")
    assert figure is not None and figure.target.anchor is not None
    assert "/figure/" in figure.target.anchor
    assert mark_texts(pane) == [FIGURE_WORDS]
    tab = window.tab_ids()[-1]
    window.select_tab(tab)
    source = window.pane(tab)
    assert source is not None
    select_text(source, "celebrates the 30th anniversary")
    note = window.annotator.highlight("red")
    assert note is not None and note.target.source is not None
    assert note.target.paragraph is not None
    assert mark_texts(source) == ["celebrates the 30th anniversary"]


def test_panel_filter_then_activate_opens_the_passage_and_back_returns(
    qtbot: QtBot, bundled: Path
) -> None:
    window, pane = two_highlights(qtbot, bundled)
    window.select_tab("overview")
    panel = window.notes_panel
    assert len(panel.visible_rows()) == 2
    qtbot.keyClicks(panel.field, "foreign")
    rows = panel.visible_rows()
    assert [p.annotation.target.quote.exact for _, p in rows if p.annotation.target.quote] == [
        FIGURE_WORDS
    ]
    assert panel.choose(rows[0][1].annotation.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.current_tab_id() == "politics"
    assert pane.highlighted_text() == FIGURE_WORDS
    window.back()
    assert window.current_tab_id() == "overview"


def test_colour_filter_shows_only_that_colour(qtbot: QtBot, bundled: Path) -> None:
    window, _pane = two_highlights(qtbot, bundled)
    panel = window.notes_panel
    assert len(panel.visible_rows()) == 2
    panel.colour.setCurrentIndex(panel.colour.findData("green"))
    assert [p.annotation.colour for _, p in panel.visible_rows()] == ["green"]


def test_a_highlight_edited_takes_the_colour_chosen_and_undo_restores_it(
    qtbot: QtBot, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, Any, Any]] = []

    def ask(_parent: Any, title: str, _quote: str, _body: str, _tags: Any, **kw: Any) -> Any:
        asked.append((title, kw["colour"], [key for key, _ in kw["colours"]]))
        return NoteAnswer("", (), "green")

    monkeypatch.setattr(notes_dialogs, "ask_note", ask)
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    highlight = window.annotator.highlight("yellow")
    assert highlight is not None
    changed = window.annotator.edit(highlight)
    ((title, shown, offered),) = asked
    assert title == "Edit highlight" and shown == "yellow" and "green" in offered
    assert changed is not None and (changed.kind, changed.colour) == ("highlight", "green")
    ((_dossier, placement),) = window.notes_panel.visible_rows()
    assert placement.annotation.colour == "green"
    window.annotator.actions.undo_action.trigger()
    ((_dossier, placement),) = window.notes_panel.visible_rows()
    assert placement.annotation.colour == "yellow"


def test_delete_then_undo_brings_the_note_back(qtbot: QtBot, bundled: Path) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    window.annotator.highlight()
    panel = window.notes_panel
    ((_dossier, placement),) = panel.visible_rows()
    assert panel.choose(placement.annotation.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.visible_rows() == []
    assert mark_texts(pane) == []
    # Nothing asked before: the reader is told how to take it back.
    assert window.statusBar().currentMessage() == "Highlight deleted. Ctrl+Z brings it back."
    window.annotator.actions.undo_action.trigger()
    assert [p.annotation.id for _, p in panel.visible_rows()] == [placement.annotation.id]
    assert mark_texts(pane) == [PHRASE]
    store = open_store(notes_store.store_path()).store
    assert store is not None
    with store:
        assert store.get(placement.annotation.id) is not None


def test_marks_are_drawn_in_the_dark_palette(qtbot: QtBot, bundled: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Base, "#1e1e1e")
    dark.setColor(QPalette.ColorRole.Window, "#2b2b2b")
    dark.setColor(QPalette.ColorRole.Text, "#e8e8e8")
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    window.annotator.highlight("yellow")
    light = pane._note_marks[0].format.background().color()
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: window.theme.dark)
        # Drawn again on the page rendered anew, in the dark shade.
        qtbot.waitUntil(lambda: mark_texts(pane) == [PHRASE])
        shade = pane._note_marks[0].format.background().color()
    finally:
        app.setPalette(before)
    assert shade.lightnessF() < 0.5 < light.lightnessF()


def test_an_unusable_store_is_told_once_and_never_touched(
    qtbot: QtBot, bundled: Path, messages_seen: MessageRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = notes_store.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    window = opened(qtbot, bundled)
    assert window.current_dossier is not None  # the dossier opens all the same
    warnings = messages_seen.texts("warning")
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert not window.annotator.actions.highlight_action.isEnabled()
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    assert window.annotator.highlight() is None
    second = opened(qtbot, bundled)
    assert second.current_dossier is not None
    assert len(messages_seen.texts("warning")) == 1  # told once per session
    assert path.read_bytes() == before


def test_a_read_only_store_shows_the_notes_but_changes_nothing(
    qtbot: QtBot, bundled: Path, messages_seen: MessageRecorder, answers: list[Any]
) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    assert window.annotator.highlight() is not None
    window.close()
    notes_store.close_session()
    path = notes_store.store_path()
    path.chmod(0o400)
    before = path.read_bytes()
    try:
        again = opened(qtbot, bundled)
        warnings = messages_seen.texts("warning")
        assert len(warnings) == 1 and "cannot be changed" in warnings[0]
        pane = shown_pane(again, "politics")
        qtbot.waitUntil(lambda: mark_texts(pane) == [PHRASE])  # still shown
        assert not again.annotator.actions.note_action.isEnabled()
        panel = again.notes_panel
        ((_dossier, placement),) = panel.visible_rows()
        assert panel.choose(placement.annotation.id)
        assert not panel.delete_button.isEnabled()
        panel.delete_current()
        assert len(panel.visible_rows()) == 1
        again.close()
    finally:
        notes_store.close_session()
        path.chmod(0o600)
    assert path.read_bytes() == before


def test_the_notes_shortcut_brings_the_notes_in_front_of_search(
    qtbot: QtBot, bundled: Path
) -> None:
    window = opened(qtbot, bundled)
    dock = window.notes_dock
    window.search_dock.raise_()  # as the window opens: Notes is the tab behind Search
    qtbot.waitUntil(lambda: dock.visibleRegion().isEmpty())
    toggle = next(a for a in window.menu("view").actions() if a.text() == "Notes")
    assert toggle.shortcut().toString() == "Ctrl+Shift+N" and toggle.isChecked()

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())  # in front, not closed
    assert window.search_dock.visibleRegion().isEmpty() and toggle.isChecked()

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)  # in view: the shortcut closes it
    qtbot.waitUntil(lambda: dock.isHidden() and not window.search_dock.visibleRegion().isEmpty())
    assert not toggle.isChecked()

    toggle.trigger()  # from the menu: open again, in view
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    assert toggle.isChecked()


def test_a_damaged_note_row_is_told_and_the_dossier_still_opens(
    qtbot: QtBot, bundled: Path, messages_seen: MessageRecorder
) -> None:
    window = opened(qtbot, bundled)
    pane = shown_pane(window, "politics")
    select_text(pane, PHRASE)
    assert window.annotator.highlight("yellow") is not None
    window.close()
    notes_store.close_session()
    path = notes_store.store_path()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE annotations SET paragraph = 'abc'")
    raw.commit()
    raw.close()

    again = opened(qtbot, bundled)
    assert again.current_dossier is not None
    (warning,) = messages_seen.texts("warning")
    assert "cannot be shown" in warning and "not a whole number" in warning
    assert again.annotator.placements(again.current_dossier) == []


def test_a_note_after_a_search_and_back_lands_on_the_item_shown(
    qtbot: QtBot, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link the cursor was left on (Tab, then Enter) is not where the reader is any more
    once Back has brought the found item up again: the note goes on that item, and the
    dialog says so."""
    asked: list[tuple[str, str]] = []

    def ask(_parent: Any, _title: str, quote: str, _body: str, _tags: Any, **kw: Any) -> Any:
        asked.append((kw["where"], quote))
        return NoteAnswer("Ask about the terminal.", (), None)

    monkeypatch.setattr(notes_dialogs, "ask_note", ask)
    window = opened(qtbot, bundled)
    found = "transport/entity/5"  # Kuryk, where a search for it lands
    window.reveal("kz-az-2021", found)
    pane = shown_pane(window, "transport")
    kuryk = pane.anchor_position(found)
    assert kuryk is not None and pane.textCursor().position() == kuryk
    qtbot.keyClick(pane, Qt.Key.Key_Tab)  # on to the next link: Kuryk's own ¶, not the top
    link = pane.textCursor()
    assert link.hasSelection() and link.selectionStart() > kuryk
    assert link.charFormat().anchorHref().startswith("cite:")
    elsewhere = pane.anchor_position("transport/point/2")
    assert elsewhere is not None
    other = QTextCursor(pane.document())
    other.setPosition(elsewhere)  # a link of point 2 Tabbed to, then followed
    pane.setTextCursor(other)
    window.go_to_citation("interview", 23, 0, 10)
    window.back()  # Kuryk shown and marked again
    assert window.current_tab_id() == "transport"
    assert pane.highlighted_text().startswith("Kuryk")
    note = window.annotator.add_note()
    assert note is not None and note.target.anchor == found
    ((where, quote),) = asked
    assert where == "Transport and transit, entity 5"
    assert quote.startswith("Kuryk")


def test_the_note_dialog_says_what_the_note_is_on(qtbot: QtBot) -> None:
    dialog = notes_dialogs.NoteDialog(
        None, "Add note", "Kuryk (Quryq)", "", (), where="Transport and transit, entity 5"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.where.isVisible() and dialog.where.font().bold()
    assert dialog.where.text() == "On Transport and transit, entity 5"
    plain = notes_dialogs.NoteDialog(None, "Add note", "", "", ())
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.where.isVisible()  # nothing said when the place is not known
    assert not plain.colour.isVisible()  # no colours offered: none to choose


def test_the_note_dialog_offers_the_colours_and_keeps_one_when_none_are_offered(
    qtbot: QtBot,
) -> None:
    colours = [("yellow", "Raise in meeting"), ("green", "Agreed")]
    dialog = notes_dialogs.NoteDialog(None, "Edit highlight", "x", "", (), colour="yellow",
                                      colours=colours)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.colour.isVisible() and dialog.colour.currentText() == "Raise in meeting"
    assert [dialog.colour.itemText(i) for i in range(dialog.colour.count())] == [
        "No colour", "Raise in meeting", "Agreed"]  # fmt: skip
    dialog.colour.setCurrentIndex(2)
    assert dialog.answer().colour == "green"
    dialog.colour.setCurrentIndex(0)
    assert dialog.answer().colour is None
    kept = notes_dialogs.NoteDialog(None, "Edit bookmark", "x", "", (), colour="blue")
    qtbot.addWidget(kept)
    assert kept.answer().colour == "blue"
