"""Modal dialogs the viewer asks questions with, wrapped so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

DOSSIER_FILTER = "Dossiers (*.yaml *.yml);;All files (*)"


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
