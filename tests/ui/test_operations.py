"""Work in the background: outcomes on the GUI thread, failures told, cancel and join."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.errors import DossierError, Problem
from dossier.ui import messages, operations
from tests.ui.conftest import DialogRecorder, MessageRecorder, bare_window

TIMEOUT = 15000


def on_gui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() == app.thread()


def test_the_work_runs_elsewhere_and_its_result_arrives_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    ran_on: list[bool] = []
    got: list[tuple[int, bool]] = []

    def work() -> int:
        ran_on.append(on_gui_thread())
        return 42

    operation = operations.run(work, lambda result: got.append((result, on_gui_thread())))
    qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT)
    assert ran_on == [False]
    assert got == [(42, True)]
    assert operation.result == 42
    assert operation not in operations.running()


def test_a_failure_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    failures: list[tuple[BaseException, bool]] = []

    def work() -> None:
        raise ValueError("no good")

    operations.run(
        work, lambda _r: pytest.fail("no success"), lambda e: failures.append((e, on_gui_thread()))
    )
    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
    ((error, on_gui),) = failures
    assert isinstance(error, ValueError) and on_gui


def test_by_default_a_failure_becomes_a_readable_dialog(
    qtbot: QtBot, dialogs_seen: DialogRecorder, tmp_path: Path
) -> None:
    problem = Problem(tmp_path / "x.yaml", "unknown key 'surprise'", 3, 1)

    def bad_dossier() -> None:
        raise DossierError([problem])

    def bug() -> None:
        raise RuntimeError("a bug in the work")

    operations.run(bad_dossier, lambda _r: None, what="Loading x.yaml")
    operations.run(bug, lambda _r: None)
    qtbot.waitUntil(
        lambda: bool(dialogs_seen.problems and dialogs_seen.unexpected), timeout=TIMEOUT
    )
    _, summary, lines = dialogs_seen.problems[0]
    assert summary.startswith("Loading x.yaml could not be opened")
    assert lines == [str(problem)]
    summary, details = dialogs_seen.unexpected[0]
    assert "a bug in the work" in summary and "Traceback" in details


def test_a_cancelled_operation_never_calls_back_and_skips_work_not_started(
    qtbot: QtBot,
) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    started, gate = threading.Event(), threading.Event()
    ran: list[str] = []
    told: list[str] = []

    def first() -> None:
        started.set()
        gate.wait(TIMEOUT / 1000)
        ran.append("first")

    blocker = operations.run(first, lambda _r: told.append("first"), pool=pool)
    queued = operations.run(
        lambda: ran.append("queued"), lambda _r: told.append("queued"), pool=pool
    )
    assert started.wait(TIMEOUT / 1000)
    blocker.cancel()
    queued.cancel()
    gate.set()
    assert pool.waitForDone(TIMEOUT)
    qtbot.waitUntil(lambda: not ({blocker, queued} & set(operations.running())), timeout=TIMEOUT)
    assert ran == ["first"]  # it had started; the queued one was skipped
    assert told == []


def test_join_waits_for_the_work_of_a_window(qtbot: QtBot) -> None:
    window = bare_window(qtbot)
    gate = threading.Event()
    done: list[bool] = []

    def slow() -> None:
        gate.wait(TIMEOUT / 1000)
        done.append(True)

    operations.run(slow, lambda _r: None, parent=window)
    assert not operations.join(window, timeout_ms=10)  # still running
    gate.set()
    assert operations.join(window, timeout_ms=TIMEOUT)
    assert done == [True]


# -- what the reader is told ------------------------------------------------------------
def test_info_goes_to_the_status_bar_and_is_recorded(
    qtbot: QtBot, messages_seen: MessageRecorder
) -> None:
    window = bare_window(qtbot)
    messages.info("Reloaded", parent=window, timeout_ms=3000)
    assert window.statusBar().currentMessage() == "Reloaded"
    assert messages_seen.seen == [messages.Message("info", "Reloaded")]


def test_a_warning_is_a_dialog_and_is_recorded(
    qtbot: QtBot, messages_seen: MessageRecorder, dialogs_seen: DialogRecorder
) -> None:
    messages.warning("File not found", "x.yaml no longer exists.", parent=None)
    assert dialogs_seen.messages == [("File not found", "x.yaml no longer exists.")]
    assert messages_seen.texts("warning") == ["x.yaml no longer exists."]


def test_the_reader_is_told_things_from_the_gui_thread_only(qtbot: QtBot) -> None:
    failures: list[BaseException] = []

    def tell() -> None:
        messages.info("from a worker", parent=None)

    operations.run(tell, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
    assert isinstance(failures[0], RuntimeError)


def test_qt_work_starts_after_the_deletions_already_asked_for(qtbot: QtBot) -> None:
    # A widget deleted on the GUI thread while a worker makes Qt objects can deadlock
    # the two (see dossier.ui.operations): the dialog just closed goes first.
    closed = QWidget()
    gone = threading.Event()
    closed.destroyed.connect(lambda *_: gone.set())
    closed.deleteLater()
    seen: list[bool] = []
    job = operations.run(lambda: seen.append(gone.is_set()), lambda _r: None, qt_work=True)
    qtbot.waitUntil(lambda: job not in operations.running(), timeout=TIMEOUT)
    assert seen == [True]


def test_qt_work_not_started_yet_is_started_by_a_wait(qtbot: QtBot) -> None:
    ran = threading.Event()
    job = operations.run(ran.set, lambda _r: None, qt_work=True)
    assert job.wait(TIMEOUT)  # no turn of the event loop in between
    assert ran.is_set()
    qtbot.waitUntil(lambda: job not in operations.running(), timeout=TIMEOUT)
