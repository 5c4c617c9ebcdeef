"""What the reader is told when something does not open or cannot be written: plain,
wrapped, complete and copyable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QStyle
from pytestqt.qtbot import QtBot

from dossier.ui import dialogs
from dossier.ui.dialogs import NoticeDialog

from .conftest import OTHER_DOSSIER, window_for, write_dossier

# The real dialogs, before the autouse fixture replaces them with recorders.
SHOW_PROBLEMS = dialogs.show_problems
SHOW_MESSAGE = dialogs.show_message
ASK_AGAIN = dialogs.ask_again

LONG = "a-folder-whose-name-goes-on-and-on-without-a-single-space-in-it"
MARKUP = ("<p", "<br", "</", "&lt;", "&gt;", "&amp;")


@dataclass
class Seen:
    """A dialog as the reader saw it (read while it was on screen)."""

    title: str
    text: str
    text_format: Qt.TextFormat
    listed: str  # the problem list's text, "" without one
    fits: bool  # nothing runs past the right edge
    wraps: bool  # some problem took more than one line on screen
    warning_icon: bool
    buttons: list[str]
    accepted: bool


@pytest.fixture
def shown(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[Seen]:
    """The real notice dialogs, each shown, read and closed instead of waiting."""
    seen: list[Seen] = []

    def exec_(dialog: NoticeDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append(_read(dialog))
        dialog.close()
        return 0

    monkeypatch.setattr(NoticeDialog, "exec", exec_)
    monkeypatch.setattr(dialogs, "show_problems", SHOW_PROBLEMS)
    monkeypatch.setattr(dialogs, "show_message", SHOW_MESSAGE)
    monkeypatch.setattr(dialogs, "ask_again", ASK_AGAIN)
    return seen


def _read(dialog: NoticeDialog) -> Seen:
    label = dialog.text_label
    fits = label.geometry().right() <= dialog.contentsRect().right()
    fits = fits and label.heightForWidth(label.width()) <= label.height() + 1
    listed, wraps = "", False
    if dialog.problems is not None:
        view = dialog.problems
        listed = view.toPlainText()
        document = view.document()
        fits = fits and view.horizontalScrollBar().maximum() == 0
        fits = fits and document.size().width() <= view.viewport().width() + 1
        block = document.begin()
        while block.isValid():
            wraps = wraps or block.layout().lineCount() > 1
            block = block.next()
    size = dialog.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, dialog)
    warning = dialog.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    icon = dialog.icon_label.pixmap().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    expected = warning.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return Seen(
        title=dialog.windowTitle(),
        text=label.text(),
        text_format=label.textFormat(),
        listed=listed,
        fits=fits,
        wraps=wraps,
        warning_icon=not icon.isNull() and icon == expected,
        buttons=[b.text() for b in dialog.buttons.buttons()],
        accepted=False,
    )


def _plain(seen: Seen) -> None:
    assert seen.text_format == Qt.TextFormat.PlainText
    for mark in MARKUP:
        assert mark not in seen.text and mark not in seen.listed, mark


def _opened(qtbot: QtBot, path: Path) -> bool:
    window = window_for(qtbot)
    window.resize(800, 600)
    return window.open_path(path)


@pytest.mark.parametrize(
    "case",
    [
        ("broken.yaml", b"format: briefing-dossier/1\nid: x\n  bad: [\n", "YAML syntax"),
        ("binary.yaml", bytes(range(256)) * 8, "binary file"),
        ("notes.txt", b"Some notes, not a dossier.\n", "must be a mapping"),
    ],
)
def test_a_file_that_does_not_open_lists_its_problems_in_plain_text(
    qtbot: QtBot, tmp_path: Path, shown: list[Seen], case: tuple[str, bytes, str]
) -> None:
    name, content, expected = case
    path = tmp_path / LONG / LONG / name
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert not _opened(qtbot, path)
    (seen,) = shown
    _plain(seen)
    assert seen.title == "Dossier not opened" and "could not be opened" in seen.text
    assert seen.listed.startswith(f"{path}:") and expected in seen.listed
    assert seen.fits and seen.wraps  # the long path wraps instead of being cut off
    assert seen.warning_icon


def test_a_folder_with_one_bad_dossier_lists_every_problem(
    qtbot: QtBot, tmp_path: Path, shown: list[Seen]
) -> None:
    folder = tmp_path / LONG
    write_dossier(folder, "a-good.yaml", OTHER_DOSSIER)
    bad = folder / "b-bad.yaml"
    bad.write_text(
        "format: briefing-dossier/1\nid: Bad Id\ntitle: 3\nsurprise: 1\n", encoding="utf-8"
    )
    window = window_for(qtbot)
    window.resize(800, 600)
    assert window.open_path(folder)
    (seen,) = shown
    _plain(seen)
    lines = seen.listed.split("\n")
    assert len(lines) > 1 and all(line.startswith(f"{bad}:") for line in lines)
    assert any(":4:" in line and "surprise" in line for line in lines)  # file:line:col
    assert seen.fits
    assert window.current_dossier is not None  # the good one opened


def test_every_problem_is_listed_and_copied(qtbot: QtBot) -> None:
    lines = [
        f"/{LONG}/{LONG}/x.yaml:{n}:1: unknown key 'k{n}' (<b>not markup</b>)" for n in range(30)
    ]
    dialog = NoticeDialog(None, "Dossier not opened", "x.yaml could not be opened.", lines)
    qtbot.addWidget(dialog)
    assert dialog.problems is not None
    assert dialog.problems.isReadOnly()
    assert dialog.problems.toPlainText().split("\n") == lines  # all, none held back
    copy = next(b for b in dialog.buttons.buttons() if b.text() == "&Copy")
    QGuiApplication.clipboard().clear()
    copy.click()
    assert QGuiApplication.clipboard().text() == "\n".join(lines)


def test_a_file_problem_is_a_wrapped_warning(qtbot: QtBot, shown: list[Seen]) -> None:
    from dossier.ui import errors

    missing = Path("/", LONG, LONG, LONG, "gone.yaml")
    error = FileNotFoundError(2, "No such file or directory", str(missing))
    errors.report_os_error(None, f"Could not open {missing}", error)
    (seen,) = shown
    _plain(seen)
    assert seen.text.count(str(missing)) == 1  # the path is not repeated
    assert seen.fits and seen.warning_icon
    assert len(seen.buttons) == 1  # OK: nothing to copy, nothing to retry


def test_asking_again_is_a_warning_with_the_offer(qtbot: QtBot, shown: list[Seen]) -> None:
    from dossier.ui import messages

    assert not messages.ask_again(
        "Export failed", "The folder does not exist.", "Choose &Another File…", parent=None
    )
    (seen,) = shown
    assert seen.title == "Export failed" and seen.warning_icon
    assert "Choose &Another File…" in seen.buttons


def test_the_offer_accepted_says_yes(qtbot: QtBot) -> None:
    dialog = NoticeDialog(None, "Export failed", "No folder.", again="Choose &Another File…")
    qtbot.addWidget(dialog)
    again = next(
        b
        for b in dialog.buttons.buttons()
        if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    assert isinstance(again, QPushButton)
    assert again.text() == "Choose &Another File…" and again.isDefault()
    again.click()
    assert dialog.result() == NoticeDialog.DialogCode.Accepted
