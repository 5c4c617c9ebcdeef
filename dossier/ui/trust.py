"""File → Trusted Folders: the folders any dossier may read its sources from, besides
its own folder and the app's shipped sources.

A dossier can never add to this list; only the reader can (File → Trust a Folder…,
or ``--trust DIR`` for one session). Each folder is listed checked; unchecking it
stops trusting it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from dossier.ui.settings import ViewerSettings


class TrustMenu(QMenu):
    """The trusted folders, from the settings; ``changed`` when the reader drops one."""

    changed = Signal()

    def __init__(self, settings: ViewerSettings, parent: QWidget | None = None) -> None:
        super().__init__("Trusted Fol&ders", parent)
        self._settings = settings
        self.aboutToShow.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        """List the trusted folders as the settings have them now."""
        self.clear()
        folders = self._settings.trusted_folders()
        for folder in folders:
            action = self.addAction(str(folder))
            action.setCheckable(True)
            action.setChecked(True)
            action.setToolTip(QtGui.Qt.convertFromPlainText(f"Uncheck to stop trusting {folder}"))
            action.toggled.connect(lambda on, f=folder: None if on else self._drop(f))
        if not folders:
            self.addAction("No folder is trusted").setEnabled(False)

    def ask(self, ask_trust: Callable[[], bool]) -> None:
        """Ask for a folder to trust with ``ask_trust`` (False when cancelled); list it."""
        if ask_trust():
            self.refill()

    def _drop(self, folder: Path) -> None:
        self._settings.remove_trusted(folder)
        self.refill()
        self.changed.emit()
