"""Where Export PDF proposes to save, what a failed export lets the reader do, and the
options dialog of Print Preview and Print saying what it is for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths, QThreadPool
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.ui import printing
from dossier.ui.export_dialog import ExportDialog
from dossier.ui.settings import open_settings

from .conftest import DialogRecorder, MessageRecorder, bare_window, window_for

EXPORT_MS = 60_000  # an export in the background, on a busy machine

MULTILINGUAL = Path(__file__).resolve().parents[1] / "export" / "data" / "baku-astana.yaml"


@pytest.fixture
def dossier() -> Dossier:
    return load_dossier(MULTILINGUAL)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The standard documents folder (not created: a fresh account may not have one)."""
    folder = tmp_path / "home" / "Documents"
    real = QStandardPaths.writableLocation

    def location(which: QStandardPaths.StandardLocation) -> str:
        if which == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(folder)
        return real(which)

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(location))
    return folder


def _last_folder(folder: Path) -> None:
    store = open_settings()
    store.setValue("export/folder", str(folder))
    store.sync()


# -- the folder proposed ----------------------------------------------------------------
def test_a_missing_documents_folder_is_not_proposed(
    dossier: Dossier, home: Path, documents: Path
) -> None:
    assert not documents.exists()
    assert printing.suggested_path(dossier) == home / "baku-astana-briefing.pdf"


def test_the_documents_folder_is_proposed_when_it_exists(
    dossier: Dossier, home: Path, documents: Path
) -> None:
    documents.mkdir()
    assert printing.suggested_path(dossier).parent == documents


def test_the_last_folder_used_is_proposed_while_it_exists(
    dossier: Dossier, home: Path, documents: Path, tmp_path: Path
) -> None:
    documents.mkdir()
    used = tmp_path / "briefings"
    used.mkdir()
    _last_folder(used)
    assert printing.suggested_path(dossier).parent == used
    used.rmdir()
    assert printing.suggested_path(dossier).parent == documents


# -- a failed export --------------------------------------------------------------------
def test_a_failed_export_warns_and_lets_the_reader_choose_again(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs_seen: DialogRecorder,
    messages_seen: MessageRecorder,
) -> None:
    dossier = load_dossier(MULTILINGUAL)
    window = bare_window(qtbot)
    chosen = BriefingOptions(sections=("trade",), page_size="Letter")
    asked: list[Dossier] = []

    def ask_options(_parent: object, dossier: Dossier) -> BriefingOptions:
        asked.append(dossier)
        return chosen

    monkeypatch.setattr(printing, "ask_options", ask_options)
    out = tmp_path / "ok.pdf"
    answers = [tmp_path / "gone" / "b.pdf", out]
    suggested: list[Path] = []

    def save_as(_parent: object, suggestion: Path) -> Path:
        suggested.append(suggestion)
        return answers.pop(0)

    monkeypatch.setattr(printing, "ask_save_path", save_as)
    dialogs_seen.again = [True]  # the reader presses "Choose Another File…"
    pool = QThreadPool()
    assert printing.export_pdf_interactive(window, dossier, pool) is not None
    status = window.statusBar()
    qtbot.waitUntil(lambda: "Briefing exported" in status.currentMessage(), timeout=EXPORT_MS)
    assert pool.waitForDone(EXPORT_MS)  # bounded: a stuck worker fails the test

    (title, text), *_ = dialogs_seen.messages
    assert title == "Export failed" and "folder does not exist" in text
    assert [m.level for m in messages_seen.seen if m.title == "Export failed"] == ["warning"]
    assert len(asked) == 1  # the options were asked for once, and kept
    assert len(suggested) == 2 and suggested[1].parent.is_dir()  # never the missing one
    reader = PdfReader(out)
    assert round(reader.pages[0].mediabox.width) == 612  # Letter, as chosen the first time
    outline = [item.title for item in reader.outline if hasattr(item, "title")]
    assert "Ticarət" in outline and "Mədəniyyət" not in outline


def test_a_failed_export_left_alone_exports_nothing_more(
    qtbot: QtBot,
    dossier: Dossier,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs_seen: DialogRecorder,
) -> None:
    window = bare_window(qtbot)
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: BriefingOptions())
    calls: list[Path] = []

    def ask_save_path(_parent: object, suggested: Path) -> Path:
        calls.append(suggested)
        return tmp_path / "no" / "b.pdf"

    monkeypatch.setattr(printing, "ask_save_path", ask_save_path)
    pool = QThreadPool()
    printing.export_pdf_interactive(window, dossier, pool)
    qtbot.waitUntil(lambda: bool(dialogs_seen.messages), timeout=EXPORT_MS)
    assert pool.waitForDone(EXPORT_MS)  # bounded: a stuck worker fails the test
    assert len(calls) == 1  # Cancel: no second save dialog


# -- the options dialog says what it is for ---------------------------------------------
def test_print_preview_and_print_ask_under_their_own_title(
    qtbot: QtBot, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    seen: list[tuple[str, str]] = []

    def read(dialog: ExportDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append((dialog.windowTitle(), ok.text()))
        return 0  # cancelled

    monkeypatch.setattr(ExportDialog, "exec", read)
    window.briefing.preview_action.trigger()
    window.briefing.print_action.trigger()
    window.briefing.export_action.trigger()
    assert seen == [
        ("Print preview", "Pre&view…"),
        ("Print briefing", "&Print…"),
        ("Export briefing", "&Export…"),
    ]
