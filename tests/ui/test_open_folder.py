"""Opening a folder of dossiers loads it in the background; the window stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OTHER_DOSSIER, DialogRecorder, drop_event, window_for, write_dossier

TIMEOUT = 15000


def test_open_folder_loads_in_the_background(
    qtbot: QtBot, tmp_path: Path, bundled: Path, dialogs_seen: DialogRecorder
) -> None:
    folder = tmp_path / "library"
    write_dossier(folder, "a-other.yaml", OTHER_DOSSIER)
    (folder / "b-broken.yaml").write_text("format: nope\n")
    window = window_for(qtbot)
    assert window.open_path(bundled)
    dialogs_seen.open_folder = folder
    window.window_actions.open_folder.trigger()
    # The request returns at once; what was open stays open until the folder is in.
    assert window.loading
    assert window.current_dossier is not None and window.current_dossier.id == "kz-az-2021"
    qtbot.waitUntil(lambda: not window.loading, timeout=TIMEOUT)
    assert window.current_dossier is not None and window.current_dossier.id == "other"
    assert "b-broken.yaml" in "\n".join(dialogs_seen.problems[0][2])


def test_a_folder_with_nothing_to_open_says_so_and_keeps_the_dossier(
    qtbot: QtBot, tmp_path: Path, bundled: Path, dialogs_seen: DialogRecorder
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    window.open_in_background(tmp_path)
    qtbot.waitUntil(lambda: not window.loading, timeout=TIMEOUT)
    assert window.current_dossier is not None and window.current_dossier.id == "kz-az-2021"
    reported = dialogs_seen.problems + [(t, x, []) for t, x in dialogs_seen.messages]
    assert any("no dossier" in " ".join([r[1], *r[2]]) for r in reported), reported


def test_dropping_a_folder_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "dropped"
    write_dossier(folder, "other.yaml", OTHER_DOSSIER)
    window = window_for(qtbot)
    drop, _data = drop_event(folder)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.current_dossier is not None, timeout=TIMEOUT)
    assert window.current_dossier is not None and window.current_dossier.id == "other"


def test_a_file_opened_while_a_folder_loads_wins(
    qtbot: QtBot, tmp_path: Path, bundled: Path
) -> None:
    folder = tmp_path / "library"
    write_dossier(folder, "other.yaml", OTHER_DOSSIER)
    window = window_for(qtbot)
    window.open_in_background(folder)
    assert window.open_path(bundled)  # the reader changed their mind
    assert QThreadPool.globalInstance().waitForDone(TIMEOUT)  # the folder's worker is done
    QCoreApplication.sendPostedEvents()  # and its queued answer has reached the window
    assert window.current_dossier is not None and window.current_dossier.id == "kz-az-2021"


def test_an_unexpected_failure_while_loading_offers_details(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs_seen: DialogRecorder
) -> None:
    from dossier.ui import library_loader

    def explode(_path: Path, _trusted: object = ()) -> None:
        raise RuntimeError("disk controller on fire")

    monkeypatch.setattr(library_loader, "load_library", explode)
    window = window_for(qtbot)
    window.open_in_background(tmp_path)
    qtbot.waitUntil(lambda: bool(dialogs_seen.unexpected), timeout=TIMEOUT)
    summary, details = dialogs_seen.unexpected[0]
    assert "disk controller on fire" in summary + details
    assert "Traceback" in details  # what "Copy details" copies
    assert window.library is None


def test_back_never_leads_to_a_dossier_that_is_no_longer_open(
    qtbot: QtBot, bundled: Path, other_dossier: Path
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    dossier = window.current_dossier
    assert dossier is not None
    point = dossier.sections[0].points[0]
    window.go_to_citation(point.cites[0].source_id, point.cites[0].paragraph, 0, 5)
    assert window.window_actions.back.isEnabled()
    assert window.open_path(other_dossier)
    window.back()  # nothing to go back to in this dossier: no error, no dialog
    assert window.current_dossier is not None and window.current_dossier.id == "other"
    assert not window.window_actions.back.isEnabled()
