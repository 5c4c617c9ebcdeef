"""The main window's Export PDF, Print Preview and Print actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.model import Dossier
from dossier.ui import printing
from dossier.ui.main_window import MainWindow
from tests.ui.conftest import DialogRecorder, window_for


@pytest.fixture
def window(qtbot: QtBot, bundled: Path) -> MainWindow:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    return window


def test_actions_sit_in_the_file_menu_with_their_shortcuts(qtbot: QtBot) -> None:
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts.index("&Export PDF…") < texts.index("Print Pre&view…") < texts.index("&Print…")
    assert window.briefing.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.briefing.print_action.shortcut() == QKeySequence("Ctrl+P")
    # Nothing to print before a dossier is open.
    assert not window.briefing.export_action.isEnabled()


def test_ctrl_e_exports_in_the_background_and_says_where(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "brief.pdf"
    chosen = BriefingOptions(sections=("trade", "energy"), page_size="Letter")
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: chosen)
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _s: out)
    assert window.briefing.export_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    status = window.statusBar()
    qtbot.waitUntil(lambda: "Briefing exported" in status.currentMessage(), timeout=20000)
    assert str(out) in window.statusBar().currentMessage()
    outline = [item.title for item in PdfReader(out).outline if hasattr(item, "title")]
    assert outline.index("Trade") < outline.index("Energy")
    assert "Politics" not in outline


def test_export_to_a_missing_folder_says_so_in_one_line(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs_seen: DialogRecorder,
) -> None:
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: BriefingOptions())
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _s: tmp_path / "no" / "x.pdf")
    window.briefing.export_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs_seen.messages), timeout=20000)
    title, text = dialogs_seen.messages[-1]
    assert title == "Export failed"
    assert "\n" not in text and "folder" in text
    assert window.current_dossier is not None  # the reader keeps reading


def test_print_preview_uses_the_chosen_options(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Dossier, BriefingOptions]] = []
    chosen = BriefingOptions(sections=("culture",))
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d, _purpose: chosen)

    def print_preview(_parent: object, dossier: Dossier, options: BriefingOptions) -> bool:
        seen.append((dossier, options))
        return True

    monkeypatch.setattr(printing, "print_preview", print_preview)
    window.briefing.preview_action.trigger()
    assert seen == [(window.current_dossier, chosen)]


def test_cancelled_options_print_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d, _purpose: None)
    monkeypatch.setattr(printing, "print_dialog", lambda *_a: pytest.fail("printed anyway"))
    window.briefing.print_action.trigger()
