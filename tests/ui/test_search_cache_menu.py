"""The search cache in the viewer: File → Clear Search Cache…, and the notice when the
cache cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier.core.search.upkeep import search_folder
from dossier.ui.main_window import MainWindow
from dossier.ui.search_panel import SearchPanel
from dossier.ui.search_widgets import EMPTY_TEXT
from tests.ui.conftest import (
    DialogRecorder,
    MessageRecorder,
    bare_window,
    bundled_dossier,
    window_for,
)

TIMEOUT = 15_000


def databases() -> list[str]:
    folder = search_folder()
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def indexed_window(qtbot: QtBot, path: Path) -> MainWindow:
    window = window_for(qtbot)
    assert window.open_path(path)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=TIMEOUT)
    return window


def test_clear_search_cache_deletes_it_and_search_still_works(
    qtbot: QtBot, bundled: Path, dialogs_seen: DialogRecorder, messages_seen: MessageRecorder
) -> None:
    window = indexed_window(qtbot, bundled)
    action = window.window_actions.clear_cache
    stale = search_folder() / "index-v1-0123456789abcdef.sqlite"  # another library's
    stale.write_bytes(b"old")
    dialogs_seen.confirm = [True]
    action.trigger()
    ((_, question),) = dialogs_seen.confirmations
    assert "every library" in question and "notes are not touched" in question
    qtbot.waitUntil(
        lambda: any("Search cache cleared" in t for t in messages_seen.texts()), timeout=TIMEOUT
    )
    assert not stale.exists()
    assert window.statusBar().currentMessage().startswith("Search cache cleared:")
    # The open library is indexed again, and answers.
    panel = window.search_panel
    qtbot.waitUntil(lambda: bool(databases()), timeout=TIMEOUT)
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, "Naftalan")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)


def test_declining_keeps_the_cache(
    qtbot: QtBot, bundled: Path, dialogs_seen: DialogRecorder, messages_seen: MessageRecorder
) -> None:
    window = indexed_window(qtbot, bundled)
    before = databases()
    assert before
    dialogs_seen.confirm = [False]
    window.window_actions.clear_cache.trigger()
    assert len(dialogs_seen.confirmations) == 1
    panel = window.search_panel  # a query runs after any deletion asked before it
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, "Naftalan")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    assert databases() == before
    assert not any("cleared" in t for t in messages_seen.texts())


def test_its_menu_letter_is_its_own(qtbot: QtBot) -> None:
    window = window_for(qtbot)
    action = window.window_actions.clear_cache
    assert action in window.menus.file.actions()

    def letter(text: str) -> str:
        return text.partition("&")[2][:1].lower()

    others = [letter(a.text()) for a in window.menus.file.actions() if a is not action]
    assert letter(action.text()) and letter(action.text()) not in others  # Alt+F, then it


def test_an_unusable_cache_is_told_once_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages_seen: MessageRecorder
) -> None:
    blocker = tmp_path / "a-file"  # not a folder: no cache can be made in it, even by root
    blocker.write_text("not a folder")
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(blocker))
    window = bare_window(qtbot)
    panel = SearchPanel()
    window.setCentralWidget(panel)
    panel.set_dossiers([bundled_dossier()])
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=TIMEOUT)
    told = [t for t in messages_seen.texts("info") if "without the cache" in t]
    assert len(told) == 1 and "search works from memory" in told[0]
    assert window.statusBar().currentMessage() == told[0]
    # Indexed again (the reader reloads): not told twice.
    panel.set_dossiers([bundled_dossier()])
    qtbot.waitUntil(lambda: panel.count_label.text() == EMPTY_TEXT, timeout=TIMEOUT)
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, "Naftalan")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    assert len([t for t in messages_seen.texts("info") if "without the cache" in t]) == 1
