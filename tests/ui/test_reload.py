"""Reload reads the open file or folder again; a folder is read off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier.core.library import Library, load_library
from dossier.ui import library_loader
from tests.ui.conftest import (
    OTHER_DOSSIER,
    DialogRecorder,
    MessageRecorder,
    window_for,
    write_dossier,
)

TIMEOUT = 15000


def test_reloading_a_folder_reads_it_in_the_background_and_keeps_the_place(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages_seen: MessageRecorder
) -> None:
    folder = tmp_path / "library"
    path = write_dossier(folder, "other.yaml", OTHER_DOSSIER)
    window = window_for(qtbot)
    assert window.open_path(folder)
    assert window.select_tab("space")
    read_on: list[bool] = []
    real_load = load_library  # the function the window's loader imported

    def load(where: Path, trusted: Sequence[Path | str] = ()) -> Library:
        read_on.append(threading.current_thread() is threading.main_thread())
        return real_load(where, trusted)

    monkeypatch.setattr(library_loader, "load_library", load)
    path.write_text(path.read_text().replace("title: Space", "title: Outer space"))
    window.window_actions.reload.trigger()
    assert window.loading  # the window stays usable while the folder is read
    qtbot.waitUntil(lambda: not window.loading, timeout=TIMEOUT)
    assert read_on == [False]
    assert window.current_tab_id() == "space"
    assert "Outer space" in window.pane("space").toPlainText()  # type: ignore[union-attr]
    assert "Reloaded" in messages_seen.texts("info")


def test_a_folder_that_fails_to_reload_keeps_what_is_shown(
    qtbot: QtBot, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    folder = tmp_path / "library"
    path = write_dossier(folder, "other.yaml", OTHER_DOSSIER)
    window = window_for(qtbot)
    assert window.open_path(folder)
    path.unlink()
    window.reload()
    qtbot.waitUntil(lambda: not window.loading, timeout=TIMEOUT)
    assert window.current_dossier is not None and window.current_dossier.id == "other"
    reported = dialogs_seen.problems + [(t, x, []) for t, x in dialogs_seen.messages]
    assert any("no dossier" in " ".join([r[1], *r[2]]) for r in reported), reported


def test_reloading_a_file_shows_the_new_content_at_once(
    qtbot: QtBot, other_dossier: Path, messages_seen: MessageRecorder
) -> None:
    window = window_for(qtbot)
    assert window.open_path(other_dossier)
    other_dossier.write_text(other_dossier.read_text().replace("Fisheries", "Fishing"))
    window.reload()
    assert window.select_tab("fisheries")
    assert "Fishing" in window.pane("fisheries").toPlainText()  # type: ignore[union-attr]
    assert messages_seen.texts("info")[-1] == "Reloaded"


def test_a_citation_to_a_missing_source_is_told_in_the_status_bar(
    qtbot: QtBot, other_dossier: Path, messages_seen: MessageRecorder
) -> None:
    window = window_for(qtbot)
    assert window.open_path(other_dossier)
    window.go_to_citation("nowhere", 1, 0, 3)
    assert messages_seen.texts("info")[-1] == "No source 'nowhere' in this dossier"
    assert window.statusBar().currentMessage() == "No source 'nowhere' in this dossier"
    assert window.current_tab_id() == "overview"
