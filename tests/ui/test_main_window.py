"""The viewer as a reader uses it: tabs, provenance, history, settings, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from dossier.core import anchors
from dossier.core.loader import load_dossier
from dossier.ui import dialogs as _dialogs
from dossier.ui import errors as _errors
from dossier.ui.main_window import MainWindow
from dossier.ui.settings import ViewerSettings

from .conftest import DialogRecorder, drop_event

# The real dialog, before the autouse fixture replaces it with a recorder.
_ORIGINAL_SHOW_PROBLEMS = _dialogs.show_problems


def make_window(qtbot: QtBot, path: Path | None = None, *, size: bool = True) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    if size:
        window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if path is not None:
        assert window.open_path(path)
    return window


def tab_labels(window: MainWindow) -> list[str]:
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    return [tabs.tabText(i) for i in range(tabs.count())]


# -- tabs from data ------------------------------------------------------------------------
def test_bundled_dossier_tabs_follow_the_file(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    sections = [s.title for s in dossier.sections]
    assert tab_labels(window) == ["Overview", *sections, "Pictures", "Source"]
    assert window.tab_ids()[1:-2] == [s.id for s in dossier.sections]
    assert window.current_dossier is not None and window.current_dossier.id == dossier.id
    assert dossier.title in window.windowTitle()


def test_other_sections_show_their_own_tabs(qtbot: QtBot, other_dossier: Path) -> None:
    window = make_window(qtbot, other_dossier)
    assert tab_labels(window) == ["Overview", "Fisheries", "Space", "Pictures", "Source"]
    assert window.tab_ids() == ["overview", "fisheries", "space", "pictures", "source:interview"]


def test_overview_shows_the_essentials(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    pane = window.pane("overview")
    assert pane is not None
    text = pane.toPlainText()
    assert dossier.title in text
    assert dossier.classification in text
    assert f"As of {dossier.as_of.display()}" in text
    assert "Bottom line up front" in text and "Headline figures" in text and "Timeline" in text


# -- provenance and history ----------------------------------------------------------------
def test_citation_opens_source_highlighted_then_back_and_forward(
    qtbot: QtBot, bundled: Path
) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = dossier.sections[1]
    point = section.points[-1]
    citation = point.cites[0]
    assert window.select_tab(section.id)
    section_pane = window.pane(section.id)
    assert section_pane is not None
    section_pane.verticalScrollBar().setValue(section_pane.verticalScrollBar().maximum() // 2)
    scroll_before = section_pane.verticalScrollBar().value()

    # the reader clicks the ¶ marker: the pane emits what the link says
    section_pane.anchorClicked.emit(QUrl(anchors.cite_href(citation)))

    source_id = f"source:{citation.source_id}"
    assert window.current_tab_id() == source_id
    source_pane = window.pane(source_id)
    assert source_pane is not None
    paragraph = dossier.source(citation.source_id).text.paragraph(citation.paragraph)
    assert source_pane.highlighted_text() == paragraph.text[citation.start : citation.end]
    # the paragraph is on screen
    position = source_pane.anchor_position(
        anchors.paragraph(citation.source_id, citation.paragraph)
    )
    assert position is not None

    cursor = QTextCursor(source_pane.document())
    cursor.setPosition(position)
    rect = source_pane.cursorRect(cursor)
    assert 0 <= rect.top() < source_pane.viewport().height()

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_tab_id() == section.id
    assert section_pane.verticalScrollBar().value() == scroll_before

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_tab_id() == source_id
    assert source_pane.highlighted_text() == paragraph.text[citation.start : citation.end]


def test_keyboard_activation_of_a_citation(qtbot: QtBot, other_dossier: Path) -> None:
    window = make_window(qtbot, other_dossier)
    window.select_tab("fisheries")
    pane = window.pane("fisheries")
    assert pane is not None
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_Tab)  # focus the first link (the ¶ marker)
    assert pane.textCursor().selectedText().startswith("¶")
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert window.current_tab_id() == "source:interview"
    assert "trade turnover fell by 38%" in window.pane("source:interview").highlighted_text()  # type: ignore[union-attr]


def test_reveal_shows_and_highlights_an_item(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    dossier = load_dossier(bundled)
    section = dossier.sections[2]
    entity = section.entities[-1]
    window.reveal(dossier.id, entity.anchor)
    assert window.current_tab_id() == section.id
    pane = window.pane(section.id)
    assert pane is not None
    assert entity.name in pane.highlighted_text()
    assert window.window_actions.back.isEnabled()
    window.back()
    assert window.current_tab_id() == "overview"


# -- keyboard ------------------------------------------------------------------------------
def test_keyboard_switches_tabs(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    ids = window.tab_ids()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab_id() == ids[1]
    qtbot.keyClick(
        window.focusWidget() or window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
    )
    assert window.current_tab_id() == ids[2]
    qtbot.keyClick(
        window.focusWidget() or window,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_tab_id() == ids[1]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab_id() == "overview"


def test_widgets_have_accessible_names(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    for tab_id in window.tab_ids():
        pane = window.pane(tab_id)
        if tab_id == "pictures":  # charts, not a reading pane
            window.select_tab(tab_id)
            shown = window.findChild(QTabWidget).currentWidget()  # type: ignore[union-attr]
            assert shown is not None and shown.accessibleName() == "Pictures page"
            continue
        assert pane is not None and pane.accessibleName()
    tabs = window.findChild(QTabWidget)
    assert tabs is not None and tabs.accessibleName() == "Dossier pages"


# -- settings ------------------------------------------------------------------------------
def test_settings_persist_across_windows(qtbot: QtBot, bundled: Path) -> None:
    first = make_window(qtbot, bundled)
    first.resize(640, 480)
    first.select_tab("energy")
    first.zoom_in()
    first.zoom_in()
    first.close()

    settings = ViewerSettings()
    assert settings.zoom() == 2
    assert settings.last_tab() == "energy"
    assert settings.recent_files()[0] == bundled.resolve()

    second = make_window(qtbot, bundled, size=False)
    assert second.zoom == 2
    assert second.current_tab_id() == "energy"
    assert second.size() == first.size()
    assert second.theme.base_pt > first.theme.base_pt - 0.01 > 0


def test_missing_recent_file_is_removed_with_a_message(
    qtbot: QtBot, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    gone = tmp_path / "gone.yaml"
    ViewerSettings().add_recent(gone)
    window = make_window(qtbot)
    assert not window.open_recent(gone.resolve())
    assert gone.resolve() not in ViewerSettings().recent_files()
    assert dialogs_seen.messages and "no longer exists" in dialogs_seen.messages[0][1]


# -- bad input -----------------------------------------------------------------------------
def test_invalid_file_shows_every_problem_and_keeps_the_dossier(
    qtbot: QtBot, bundled: Path, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    window = make_window(qtbot, bundled)
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing-dossier/1\nid: Bad Id\ntitle: 3\nsurprise: 1\n")
    assert not window.open_path(bad)
    assert len(dialogs_seen.problems) == 1
    _, summary, lines = dialogs_seen.problems[0]
    assert "could not be opened" in summary
    assert len(lines) > 1
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert any(":2:" in line for line in lines)  # file:line:col
    assert window.current_dossier is not None and window.current_dossier.id == "kz-az-2021"


def test_hostile_text_is_literal_and_nothing_is_fetched(
    qtbot: QtBot, hostile_dossier: Path
) -> None:
    window = make_window(qtbot, hostile_dossier)
    for tab_id in window.tab_ids():
        window.select_tab(tab_id)
    overview = window.pane("overview")
    section = window.pane("web")
    assert overview is not None and section is not None
    assert '<img src="http://evil.example/title.png"> Title' in overview.toPlainText()
    assert '<a href="http://evil.example/x">click me</a>' in section.toPlainText()
    for tab_id in window.tab_ids():
        if tab_id == "pictures":  # painted charts: no document to fetch anything for
            continue
        pane = window.pane(tab_id)
        assert pane is not None
        assert pane.refused_resources == []  # no resource was even asked for
        anchors = [
            pane.anchorAt(QPoint(x, y)) for x in range(0, 800, 40) for y in range(0, 600, 40)
        ]
        assert not any(a.startswith("http") for a in anchors)
    # a link is never followed by Qt itself, and a resource is refused outright
    assert section.openLinks() is False and section.openExternalLinks() is False
    assert section.loadResource(2, QUrl("http://evil.example/i.png")) is None
    assert section.refused_resources == ["http://evil.example/i.png"]
    assert "PySide6.QtNetwork" not in __import__("sys").modules


def test_folder_with_an_invalid_dossier_lists_it_and_offers_a_switcher(
    qtbot: QtBot, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    from .conftest import HOSTILE_DOSSIER, OTHER_DOSSIER, write_dossier

    folder = tmp_path / "library"
    write_dossier(folder, "a-other.yaml", OTHER_DOSSIER)
    write_dossier(folder, "b-hostile.yaml", HOSTILE_DOSSIER)
    (folder / "c-broken.yaml").write_text("format: nope\n")
    window = make_window(qtbot, folder)
    assert dialogs_seen.problems and "c-broken.yaml" in "\n".join(dialogs_seen.problems[0][2])
    library = window.library
    assert library is not None and [d.id for d in library.dossiers] == ["other", "hostile"]
    window.reveal("hostile", "web/point/1")
    assert window.current_dossier is not None and window.current_dossier.id == "hostile"
    assert window.current_tab_id() == "web"
    window.back()
    assert window.current_dossier.id == "other"


def test_unexpected_exception_shows_details_and_app_keeps_running(
    qtbot: QtBot, dialogs_seen: DialogRecorder
) -> None:
    from dossier.ui import errors

    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        errors.report_unexpected(type(error), error, error.__traceback__)
    assert dialogs_seen.unexpected
    summary, details = dialogs_seen.unexpected[0]
    assert "boom" in summary and "Traceback" in details


# -- drag and drop -------------------------------------------------------------------------
def test_dropping_a_yaml_file_opens_it(qtbot: QtBot, bundled: Path, other_dossier: Path) -> None:
    window = make_window(qtbot, bundled)
    event, _data = drop_event(other_dossier)
    window.dropEvent(event)
    assert event.isAccepted()
    assert window.current_dossier is not None and window.current_dossier.id == "other"


def test_dropping_something_else_is_refused(qtbot: QtBot, bundled: Path, tmp_path: Path) -> None:
    window = make_window(qtbot, bundled)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    event, _data = drop_event(text)
    window.dropEvent(event)
    assert not event.isAccepted()
    assert window.current_dossier is not None and window.current_dossier.id == "kz-az-2021"


# -- palette -------------------------------------------------------------------------------
def test_dark_palette_renders_light_text(qtbot: QtBot, bundled: Path) -> None:
    from dossier.ui.screenshot import dark_palette

    window = make_window(qtbot, bundled)
    light = window.theme
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: window.theme.dark)
        pane = window.pane("overview")
        assert pane is not None
        assert window.theme.colors.text != light.colors.text
        assert window.theme.colors.text in pane.document().defaultStyleSheet()
    finally:
        app.setPalette(original)
    qtbot.waitUntil(lambda: not window.theme.dark)
    assert QPalette().color(QPalette.ColorRole.Base).lightnessF() > 0.5


def _shown_as(tip: str) -> str:
    """What a tooltip shows: Qt renders it as HTML when it looks like HTML."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    if not GuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_tooltips_and_dialogs_show_dossier_text_literally(
    qtbot: QtBot, hostile_dossier: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, hostile_dossier)
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    overview_tip = tabs.tabToolTip(0)
    assert _shown_as(overview_tip) == '<img src="http://evil.example/title.png"> Title'
    # A dialog's text is plain: an unknown key written as a tag is shown as written.
    from dossier.ui import dialogs as real_dialogs

    seen: list[tuple[Qt.TextFormat, str]] = []

    def read(box: real_dialogs.NoticeDialog) -> int:
        assert box.problems is not None  # a QTextEdit holding plain text
        seen.append((box.text_label.textFormat(), box.problems.toPlainText()))
        return 0

    monkeypatch.setattr(real_dialogs.NoticeDialog, "exec", read)
    bad = tmp_path / "bad.yaml"
    bad.write_text('"<img src=/etc/x.png>": 1\n', encoding="utf-8")
    monkeypatch.setattr(real_dialogs, "show_problems", _ORIGINAL_SHOW_PROBLEMS)
    assert not window.open_path(bad)
    ((text_format, listed),) = seen
    assert text_format == Qt.TextFormat.PlainText
    assert "unknown key '<img src=/etc/x.png>'" in listed


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_details_and_the_window_keeps_working(
    qtbot: QtBot,
    bundled: Path,
    dialogs_seen: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    _errors.install_excepthook()
    window = make_window(qtbot, bundled)

    def broken() -> None:
        raise ValueError("a bug in a slot")

    window.window_actions.zoom_in.triggered.connect(broken)
    window.window_actions.zoom_in.trigger()
    qtbot.waitUntil(lambda: bool(dialogs_seen.unexpected), timeout=5000)
    summary, details = dialogs_seen.unexpected[0]
    assert "ValueError: a bug in a slot" in summary
    assert "Traceback" in details and "broken" in details
    assert "a bug in a slot" in caplog.text  # logged as well as shown
    window.select_tab("trade")  # and the reader carries on
    assert window.current_tab_id() == "trade"
