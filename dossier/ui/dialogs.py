"""Modal dialogs, wrapped in small functions so tests can replace them.

Callers go through the module attribute (``dialogs.show_problems(...)``), which the
UI tests' fixtures swap for recorders. What a dialog says is decided elsewhere
(:mod:`dossier.ui.messages`); these only build and run the boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import Qt  # QtGui's Qt adds convertFromPlainText
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

DOSSIER_FILTER = "Dossiers (*.yaml *.yml);;All files (*)"
MAX_PROBLEMS_SHOWN = 12  # the rest are in the box's details


def ask_open_file(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a dossier file; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open dossier", str(start or Path.home()), DOSSIER_FILTER
    )
    return Path(name) if name else None


def ask_open_folder(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a folder of dossiers; None when cancelled."""
    name = QFileDialog.getExistingDirectory(
        parent, "Open folder of dossiers", str(start or Path.home())
    )
    return Path(name) if name else None


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box (``text`` is rich text built from escaped strings)."""
    QMessageBox.about(parent, title, text)


def show_problems(parent: QWidget | None, title: str, summary: str, lines: Sequence[str]) -> None:
    """A dialog listing problems (``file:line:col: message``), all of them."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, summary, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are not markup
    shown = "\n".join(lines[:MAX_PROBLEMS_SHOWN]) + (
        "\n…" if len(lines) > MAX_PROBLEMS_SHOWN else ""
    )
    box.setInformativeText(Qt.convertFromPlainText(shown))
    box.setDetailedText("\n".join(lines))
    box.setAccessibleName(title)
    box.exec()


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    """A plain informational dialog."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    box.exec()


def show_unexpected(parent: QWidget | None, summary: str, details: str) -> None:
    """A dialog for an unexpected failure, with a button copying the details."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", summary, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("The viewer keeps running. The details below help to fix it.")
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()
