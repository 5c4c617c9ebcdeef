"""A window closed and deleted while it still has work queued for "just after this event"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6

from dossier.ui import notes_store

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_a_window_deleted_with_a_notes_rebuild_queued_raises_nothing(
    qtbot: QtBot, bundled: Path
) -> None:
    # pytest-qt fails the test on any exception raised in the event loop: a queued call
    # into the deleted notes panel ("Internal C++ object already deleted") is one.
    notes_store.close_session()
    from dossier.ui.main_window import MainWindow

    window = MainWindow(persist=False)  # not given to qtbot, which would close it again
    window.show()
    assert window.open_path(bundled)
    qtbot.waitUntil(lambda: window.annotator.ready)
    window.notes_panel.rebuild()  # queues its rebuild for after this event
    window.close()
    shiboken6.delete(window)
    qtbot.wait(50)  # the queued calls come due
    notes_store.close_session()
