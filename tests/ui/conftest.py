"""UI fixtures: settings redirected to a temporary folder, dialogs recorded, not shown."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from dossier.ui import dialogs, messages, notes_store
from dossier.ui.app import application
from tests.conftest import BUNDLED

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dossier.core.model import Dossier
    from dossier.ui.export_dialog import ExportDialog
    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane
    from dossier.ui.search_panel import SearchPanel

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "kazakhstan-azerbaijan-ambassador-interview-2021.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot honour size hints and says so; that is not our bug.
    for item in items:
        if "tests/ui" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own settings folder; the real one is never touched."""
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    application()
    yield folder


class DialogRecorder:
    """What the app would have shown in modal dialogs."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str, list[str]]] = []
        self.messages: list[tuple[str, str]] = []
        self.again: list[bool] = []  # answers to "try again?", in order; then No
        self.confirm: list[bool] = []  # answers to "are you sure?", in order; then No
        self.confirmations: list[tuple[str, str]] = []  # (title, text) asked
        self.unexpected: list[tuple[str, str]] = []
        self.open_file: Path | None = None
        self.open_folder: Path | None = None
        self.trust_folder: Path | None = None


@pytest.fixture(autouse=True)
def dialogs_seen(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """Replace every modal dialog with a recorder (no test blocks on exec())."""
    seen = DialogRecorder()

    def problems(_parent: Any, title: str, summary: str, lines: list[str]) -> None:
        seen.problems.append((title, summary, list(lines)))

    def message(_parent: Any, title: str, text: str) -> None:
        seen.messages.append((title, text))

    def ask_again(_parent: Any, title: str, text: str, _again: str) -> bool:
        seen.messages.append((title, text))
        return seen.again.pop(0) if seen.again else False

    def ask_confirm(_parent: Any, title: str, text: str, _yes: str) -> bool:
        seen.confirmations.append((title, text))
        return seen.confirm.pop(0) if seen.confirm else False

    def unexpected(_parent: Any, summary: str, details: str) -> None:
        seen.unexpected.append((summary, details))

    monkeypatch.setattr(dialogs, "show_problems", problems)
    monkeypatch.setattr(dialogs, "show_message", message)
    monkeypatch.setattr(dialogs, "ask_again", ask_again)
    monkeypatch.setattr(dialogs, "ask_confirm", ask_confirm)
    monkeypatch.setattr(dialogs, "show_unexpected", unexpected)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda _p, _s: seen.open_file)
    monkeypatch.setattr(dialogs, "ask_open_folder", lambda _p, _s: seen.open_folder)
    monkeypatch.setattr(dialogs, "ask_trusted_folder", lambda _p, _s: seen.trust_folder)
    monkeypatch.setattr(dialogs, "show_about", lambda _p, _t, _x: None)
    return seen


class MessageRecorder:
    """Everything the reader was told (status bar and dialogs), in order."""

    def __init__(self) -> None:
        self.seen: list[messages.Message] = []

    def texts(self, level: messages.Level | None = None) -> list[str]:
        """The texts told, of one level or of all."""
        return [m.text for m in self.seen if level is None or m.level == level]


@pytest.fixture
def messages_seen() -> Iterator[MessageRecorder]:
    """Record every message the app gives the reader, to assert on what they were told."""
    recorder = MessageRecorder()
    bridge = messages.bridge()
    bridge.posted.connect(recorder.seen.append)
    yield recorder
    bridge.posted.disconnect(recorder.seen.append)


OTHER_DOSSIER = """\
format: briefing-dossier/1
id: other
title: Another relationship
as_of: 2021-02
summary: A dossier with other sections.
sources:
  - id: interview
    path: {seed}
    title: The interview
sections:
  - id: fisheries
    title: Fisheries
    summary: Fish.
    points:
      - text: Trade fell.
        cite: "our trade turnover fell by 38% in 2020"
  - id: space
    title: Space
    summary: Rockets.
    points:
      - text: Something about space.
        cite: "Kazakhstan, just like Azerbaijan"
"""

HOSTILE_DOSSIER = """\
format: briefing-dossier/1
id: hostile
title: '<img src="http://evil.example/title.png"> Title'
as_of: 2021-02
summary: 'Read <a href="http://evil.example/">this</a> <script>alert(1)</script>'
sources:
  - id: interview
    path: {seed}
    title: The interview
sections:
  - id: web
    title: "<b>Web</b>"
    summary: '<img src="http://evil.example/s.png">'
    points:
      - text: '<a href="http://evil.example/x">click me</a> <img src="https://evil.example/i.png">'
        cite: "our trade turnover fell by 38% in 2020"
"""


def write_dossier(folder: Path, name: str, template: str) -> Path:
    """A dossier in ``folder`` whose source is the seed interview."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    seed = Path(os.path.relpath(SEED, folder.resolve())).as_posix()  # paths are relative
    path.write_text(template.format(seed=seed), encoding="utf-8")
    return path


@pytest.fixture
def other_dossier(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "other", "other.yaml", OTHER_DOSSIER)


@pytest.fixture
def hostile_dossier(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "hostile", "hostile.yaml", HOSTILE_DOSSIER)


def window_for(qtbot: QtBot) -> MainWindow:
    """A shown window that remembers nothing between tests."""
    from dossier.ui.main_window import MainWindow

    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    window.show()
    return window


def open_id(window: MainWindow) -> str | None:
    """The id of the dossier ``window`` shows, or None.

    Asked through a call, so mypy does not carry an earlier ``current_dossier is None``
    past the actions that open one.
    """
    dossier = window.current_dossier
    return dossier.id if dossier is not None else None


@cache
def bundled_dossier() -> Dossier:
    """The bundled dossier, loaded once for the tests that only read it."""
    from dossier.core.loader import load_dossier

    return load_dossier(BUNDLED)


def bare_window(qtbot: QtBot) -> QMainWindow:
    """An empty main window, to parent dialogs and take status messages."""
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def export_dialog(qtbot: QtBot, dossier: Dossier, parent: QWidget | None = None) -> ExportDialog:
    """The Export dialog on ``dossier``, not shown."""
    from dossier.ui.export_dialog import ExportDialog

    dialog = ExportDialog(dossier, parent)
    qtbot.addWidget(dialog)
    return dialog


def indexed_panel(qtbot: QtBot, dossiers: Sequence[Dossier]) -> SearchPanel:
    """A search panel on its own, its index of ``dossiers`` built."""
    from dossier.ui.search_panel import SearchPanel
    from dossier.ui.search_widgets import EMPTY_TEXT

    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.set_dossiers(dossiers)
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=10_000)
    return panel


def shown_pane(window: MainWindow, tab: str) -> ReadingPane:
    """Bring ``tab`` up in ``window``; its reading pane."""
    window.select_tab(tab)
    pane = window.pane(tab)
    assert pane is not None
    return pane


def select_text(pane: ReadingPane, text: str) -> None:
    """Select the first occurrence of ``text`` in a pane, as a drag of the mouse would."""
    pane.ensure_rendered()
    found = pane.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), text
    pane.setTextCursor(found)


@pytest.fixture
def fresh_notes() -> Iterator[None]:
    """The test starts a session of its own (the notes database is opened once per
    session), and quits it at the end."""
    notes_store.close_session()
    yield
    notes_store.close_session()


def drop_event(path: Path) -> tuple[QDropEvent, QMimeData]:
    """A drop of ``path`` onto a window, as a file manager would send it.

    The event only points at its data: keep the QMimeData alive while it is used.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return event, mime


def focus_as_if_tabbed(
    qtbot: QtBot, widget: QWidget, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason
) -> None:
    """Give ``widget`` the focus as Tab (or Shift+Tab) would.

    Its window is made active first: on a real display a window that is not yet active
    receives the focus later, for the reason "window activated", not ``reason``.
    """
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus(reason)
    qtbot.waitUntil(widget.hasFocus)
