"""Closing a window or a search panel closes the databases it used, at once.

SQLite removes a database's write-ahead log when its last connection closes, so a
``-wal`` file left beside the notes or the search cache means a connection still open.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import shiboken6

from dossier.core.loader import load_dossier
from dossier.ui import notes_store
from dossier.ui.search_widgets import EMPTY_TEXT

from .conftest import indexed_panel, window_for

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dossier.ui.main_window import MainWindow

TIMEOUT = 10_000


pytestmark = pytest.mark.usefixtures("fresh_notes")


def logs(folder: Path) -> list[str]:
    """The write-ahead logs below ``folder``: one stands beside each open database."""
    return sorted(p.name for p in folder.rglob("*-wal"))


def notes_folder() -> Path:
    return notes_store.store_path().parent


def cache_folder() -> Path:
    return Path(os.environ["DOSSIER_CACHE_DIR"])


def opened_and_indexed(qtbot: QtBot, path: Path) -> MainWindow:
    window = window_for(qtbot)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.annotator.ready, timeout=TIMEOUT)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=TIMEOUT)
    return window


def test_closing_the_window_closes_the_notes_and_the_search_cache(
    qtbot: QtBot, bundled: Path
) -> None:
    window = opened_and_indexed(qtbot, bundled)
    assert logs(notes_folder()) and logs(cache_folder())  # both open while it is
    window.close()
    assert logs(notes_folder()) == []
    assert logs(cache_folder()) == []


def test_notes_stay_open_while_another_window_uses_them(qtbot: QtBot, bundled: Path) -> None:
    first = opened_and_indexed(qtbot, bundled)
    second = opened_and_indexed(qtbot, bundled)
    first.close()
    assert second.annotator.writable
    assert second.annotator.colours()  # read from the database the first let go of
    assert logs(notes_folder())
    second.close()
    assert logs(notes_folder()) == []


def test_closing_a_search_panel_closes_its_cache(qtbot: QtBot, bundled: Path) -> None:
    panel = indexed_panel(qtbot, [load_dossier(bundled)])
    panel.show()
    assert logs(cache_folder())
    panel.close()
    assert logs(cache_folder()) == []


def test_a_window_deleted_without_closing_closes_them_too(qtbot: QtBot, bundled: Path) -> None:
    from dossier.ui.main_window import MainWindow

    window = MainWindow(persist=False)
    window.show()
    assert window.open_path(bundled)
    qtbot.waitUntil(lambda: window.annotator.ready, timeout=TIMEOUT)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=TIMEOUT)
    assert logs(notes_folder()) and logs(cache_folder())
    shiboken6.delete(window)  # as Qt deletes a window its parent takes down
    assert logs(notes_folder()) == []
    assert logs(cache_folder()) == []


def test_a_closed_panel_deleted_at_exit_says_nothing(qtbot: QtBot, bundled: Path) -> None:
    panel = indexed_panel(qtbot, [load_dossier(bundled)])
    panel.close()
    # At exit the interpreter may take the service's thread pool before the panel.
    shiboken6.delete(panel.service._pool)
    shiboken6.delete(panel)  # its destroyed signal asks the service to shut down again
