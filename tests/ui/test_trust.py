"""File → Trust a Folder…: a dossier whose source lies in a folder the reader trusts
opens; the folder is kept in the settings and can be dropped again."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from dossier.ui.main_window import MainWindow
from dossier.ui.settings import ViewerSettings
from tests.core.dossiers import MINIMAL, SEED

from .conftest import DialogRecorder, open_id


def _delivered(tmp_path: Path) -> tuple[Path, Path]:
    annex = tmp_path / "annex"
    annex.mkdir()
    shutil.copyfile(SEED, annex / "interview.txt")
    (tmp_path / "delivered").mkdir()
    path = tmp_path / "delivered" / "mini.yaml"
    path.write_text(MINIMAL.format(seed="../annex/interview.txt"), encoding="utf-8")
    return path, annex


def test_trusting_a_folder_opens_the_refused_dossier_and_is_remembered(
    qtbot: QtBot, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    path, annex = _delivered(tmp_path)
    window = MainWindow()  # persists: the trusted folder is a setting
    qtbot.addWidget(window)
    window.show()
    assert not window.opener.open(path)
    (_, _, lines) = dialogs_seen.problems[-1]
    assert any("Trust a Folder" in line for line in lines)
    assert window.current_dossier is None

    dialogs_seen.trust_folder = annex
    window.window_actions.trust.trigger()
    qtbot.waitUntil(lambda: window.current_dossier is not None, timeout=10_000)
    assert open_id(window) == "mini"
    assert ViewerSettings().trusted_folders() == [annex.resolve()]
    (entry,) = window.menus.trusted.actions()
    assert entry.text() == str(annex.resolve()) and entry.isChecked()

    entry.setChecked(False)  # stop trusting it: the dossier is read again, and refused
    qtbot.waitUntil(lambda: len(dialogs_seen.problems) == 2, timeout=10_000)
    assert ViewerSettings().trusted_folders() == []
    assert [a.text() for a in window.menus.trusted.actions()] == ["No folder is trusted"]


def test_a_folder_trusted_for_the_session_is_not_kept(
    qtbot: QtBot, tmp_path: Path, dialogs_seen: DialogRecorder
) -> None:
    path, annex = _delivered(tmp_path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.trust_for_session([annex])
    assert window.opener.open(path)
    assert window.current_dossier is not None
    assert not dialogs_seen.problems
    assert ViewerSettings().trusted_folders() == []
