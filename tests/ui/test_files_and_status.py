"""Open Recent, the Open dialogs' start folder, the status bar's summary and Close, as
the reader meets them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar
from pytestqt.qtbot import QtBot

from dossier.ui import dialogs, messages
from dossier.ui.main_window import MainWindow
from dossier.ui.screen_fit import fitted

from .conftest import DialogRecorder, window_for

TIMEOUT = 15000


def remembering_window(qtbot: QtBot) -> MainWindow:
    """A window that keeps what it opened for the next session (settings are per test)."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def status_text(bar: QStatusBar) -> str:
    """Everything the status bar shows: its message and its visible labels."""
    labels = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    return " | ".join([bar.currentMessage(), *labels])


# -- Open Recent --------------------------------------------------------------------------
def test_open_recent_is_enabled_once_a_file_is_opened(qtbot: QtBot, bundled: Path) -> None:
    window = remembering_window(qtbot)
    recent = window.menus.recent
    assert not recent.isEnabled()  # nothing opened yet, in this first session
    assert window.open_path(bundled)
    assert recent.isEnabled()
    names = [action.text() for action in recent.actions() if not action.isSeparator()]
    assert names[0] == bundled.name


# -- where the Open dialogs start -------------------------------------------------------
@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    assert Path.home() == folder
    return folder


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch, dialogs_seen: DialogRecorder) -> list[Path | None]:
    """The folders the Open dialogs started in."""
    seen: list[Path | None] = []

    def ask_file(_parent: object, start: Path | None) -> Path | None:
        seen.append(start)
        return dialogs_seen.open_file

    def ask_folder(_parent: object, start: Path | None) -> Path | None:
        seen.append(start)
        return dialogs_seen.open_folder

    monkeypatch.setattr(dialogs, "ask_open_file", ask_file)
    monkeypatch.setattr(dialogs, "ask_open_folder", ask_folder)
    return seen


def test_open_starts_at_home_not_in_the_bundled_dossiers_folder(
    qtbot: QtBot, bundled: Path, home: Path, starts: list[Path | None]
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)  # as at start-up: the app chose it, not the reader
    window.ask_open()
    window.ask_open_folder()
    assert starts == [home, home]


@pytest.mark.usefixtures("home")
def test_open_starts_where_the_reader_last_opened_a_file(
    qtbot: QtBot,
    bundled: Path,
    other_dossier: Path,
    starts: list[Path | None],
    dialogs_seen: DialogRecorder,
) -> None:
    window = remembering_window(qtbot)
    dialogs_seen.open_file = other_dossier
    window.ask_open()
    assert window.current_dossier is not None and window.current_dossier.id == "other"
    assert window.open_path(bundled)  # opened some other way: the Open folder stays
    dialogs_seen.open_file = None
    window.ask_open()
    assert starts[-1] == other_dossier.parent
    window.close()

    # The next session starts there too.
    again = remembering_window(qtbot)
    again.ask_open()
    assert starts[-1] == other_dossier.parent


def test_open_forgets_a_folder_that_is_gone(
    qtbot: QtBot,
    tmp_path: Path,
    home: Path,
    starts: list[Path | None],
    dialogs_seen: DialogRecorder,
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "x.yaml").write_text("format: nope\n", encoding="utf-8")
    window = remembering_window(qtbot)
    dialogs_seen.open_file = gone / "x.yaml"
    window.ask_open()  # it does not open, but the reader was in that folder
    dialogs_seen.open_file = None
    window.ask_open()
    (gone / "x.yaml").unlink()
    gone.rmdir()
    window.ask_open()
    assert starts == [home, gone, home]


def test_the_open_dialog_starts_in_the_folder_given(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = dialogs.open_file_dialog(None, tmp_path)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path
    assert dialog.size() == fitted(dialog, dialogs.FILE_DIALOG_SIZE)  # see test_screen_fit
    folders = dialogs.open_folder_dialog(None, None)
    qtbot.addWidget(folders)
    assert Path(folders.directory().absolutePath()) == Path.home()


# -- the status bar ---------------------------------------------------------------------
def test_the_summary_of_the_open_dossier_stays_in_the_status_bar(
    qtbot: QtBot, bundled: Path
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    bar = window.statusBar()
    dossier = window.current_dossier
    assert dossier is not None
    sections = f"{len(dossier.sections)} sections"
    assert bundled.name in status_text(bar) and sections in status_text(bar)

    # Hovering a menu item sends its status tip to the window, and an empty one on leaving.
    QApplication.sendEvent(window, QStatusTipEvent("Open a dossier file"))
    assert bar.currentMessage() == "Open a dossier file"
    assert sections in status_text(bar)
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert sections in status_text(bar)

    messages.info("Reloaded", parent=window, timeout_ms=0)  # a message comes and goes
    assert "Reloaded" in status_text(bar) and sections in status_text(bar)
    bar.clearMessage()
    assert sections in status_text(bar)

    window.close_dossier()
    assert sections not in status_text(bar)


# -- Close --------------------------------------------------------------------------------
def test_close_clears_the_search(qtbot: QtBot, bundled: Path) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    panel = window.search_panel
    qtbot.keyClicks(panel.field, "Naftalan")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    window.close_dossier()
    assert panel.query() == ""
    assert panel.result_rows() == []
    assert "Naftalan" not in panel.count_label.text()
    assert "No results" not in panel.count_label.text()
