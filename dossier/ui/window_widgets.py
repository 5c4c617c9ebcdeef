"""The main window's own small widgets: the page shown when nothing is open, the
chooser between a folder's dossiers, and the open dossier's summary in the status bar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

if TYPE_CHECKING:
    from dossier.core.model import Dossier

EMPTY_TEXT = (
    "<p style='font-size:14pt'>No dossier is open.</p>"
    "<p>Open one with File ▸ Open (Ctrl+O), or drop a .yaml file or a folder here.</p>"
)


def empty_page() -> QLabel:
    """The page shown when no dossier is open, saying how to open one."""
    label = QLabel(EMPTY_TEXT)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName("No dossier open")
    return label


def say_opening(page: QLabel, name: str) -> None:
    """The empty page while ``name`` opens."""
    page.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
    page.setText(f"Opening {name}…")


def say_how_to_open(page: QLabel) -> None:
    """The empty page saying how to open something again."""
    page.setTextFormat(Qt.TextFormat.RichText)
    page.setText(EMPTY_TEXT)


def dossier_chooser() -> QComboBox:
    """The tool bar's list of the open folder's dossiers (each item's data is its id)."""
    combo = QComboBox()
    combo.setAccessibleName("Dossier")
    combo.setToolTip("Switch between the dossiers of the open folder")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def list_dossiers(combo: QComboBox, dossiers: Sequence[Dossier]) -> None:
    """Offer ``dossiers`` in the chooser, by title."""
    combo.clear()
    for dossier in dossiers:
        combo.addItem(dossier.title, dossier.id)


def summary_label() -> QLabel:
    """The status bar's summary of the open dossier (messages pass on its left)."""
    label = QLabel()
    label.setObjectName("dossier-summary")
    label.setAccessibleName("Open dossier")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def show_summary(label: QLabel, dossier: Dossier | None) -> None:
    """Sum ``dossier`` up in ``label``: its file, date and counts (nothing for None)."""
    if dossier is None:
        label.clear()
        label.setToolTip("")
        return
    counts = dossier.counts()
    label.setText(
        f"{dossier.path.name} · as of {dossier.as_of.display()} · "
        f"{counts['sections']} sections · {counts['points']} points · "
        f"{counts['citations']} citations"
    )
    label.setToolTip(
        QtGui.Qt.convertFromPlainText(
            f"{dossier.path}\n{counts['figures']} figures, {counts['events']} events"
        )
    )
