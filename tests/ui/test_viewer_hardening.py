"""Hostile-dossier hardening on the viewer side: long titles, errors on worker threads."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier.ui import dialogs
from dossier.ui import errors as _errors
from dossier.ui.main_window import MainWindow
from tests.core.dossiers import MINIMAL, write
from tests.ui.conftest import DialogRecorder

LONG = "Trade " * 1000


def test_a_huge_section_title_is_elided_in_its_tab_with_the_full_title_as_tooltip(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = write(tmp_path, MINIMAL.replace("title: Trade\n", f"title: {LONG.strip()}\n"))
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    assert window.open_path(path)
    pages = window.pages
    index = pages.tab_ids().index("trade")
    text = pages.tabText(index)
    assert len(text) <= 40 and text.endswith("\u2026")
    assert "Trade Trade Trade Trade Trade" in pages.tabToolTip(index).replace("\xa0", " ")
    assert len(pages.tabToolTip(index)) > 5000  # the whole title is there to read


@pytest.mark.qt_no_exception_capture
def test_an_error_on_a_worker_thread_is_shown_on_the_gui_thread_only(
    qtbot: QtBot, dialogs_seen: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown_on: list[threading.Thread] = []
    recorded = dialogs.show_unexpected

    def unexpected(parent: object, summary: str, details: str) -> None:
        shown_on.append(threading.current_thread())
        recorded(parent, summary, details)  # type: ignore[arg-type]

    monkeypatch.setattr(dialogs, "show_unexpected", unexpected)
    _errors.install_excepthook()

    def work() -> None:
        raise ValueError("a bug on a worker")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(dialogs_seen.unexpected), timeout=5000)
    assert "ValueError: a bug on a worker" in dialogs_seen.unexpected[0][0]
    assert shown_on == [threading.main_thread()]
