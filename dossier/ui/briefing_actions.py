"""File → Export PDF…, Print Preview… and Print… on the main window.

The printing machinery is imported on first use, so it costs nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from dossier.core.briefing import BriefingOptions
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow


class BriefingActions:
    """The three briefing actions, enabled while a dossier is open."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.export_action = QAction("&Export PDF…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip("Export the briefing as a PDF")
        self.export_action.triggered.connect(self.export_pdf)
        self.preview_action = QAction("Print Pre&view…", window)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.setStatusTip("See the printed briefing page by page")
        self.preview_action.triggered.connect(self.print_preview)
        self.print_action = QAction("&Print…", window)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setStatusTip("Print the briefing")
        self.print_action.triggered.connect(self.print_briefing)

        menu = window.menu("file")
        before = window.reload_action  # after Open Recent, before Reload
        menu.insertAction(before, self.export_action)
        menu.insertAction(before, self.preview_action)
        menu.insertAction(before, self.print_action)
        menu.insertSeparator(before)
        for action in (self.export_action, self.preview_action, self.print_action):
            window.addAction(action)
        window.dossier_changed.connect(self._enable)
        self._enable(window.current_dossier)

    def _enable(self, dossier: Dossier | None) -> None:
        for action in (self.export_action, self.preview_action, self.print_action):
            action.setEnabled(dossier is not None)

    def export_pdf(self) -> None:
        """Ask for sections, paper and a file; export in the background."""
        from dossier.ui import printing

        dossier = self.window.current_dossier
        if dossier is not None:
            printing.export_pdf_interactive(self.window, dossier)

    def print_preview(self) -> None:
        """Ask for sections and paper, then preview the printed briefing."""
        from dossier.ui import printing

        self._with_options(printing.print_preview)

    def print_briefing(self) -> None:
        """Ask for sections and paper, then a printer, and print."""
        from dossier.ui import printing

        self._with_options(printing.print_dialog)

    def _with_options(self, then: Callable[[QWidget, Dossier, BriefingOptions], object]) -> None:
        from dossier.ui import printing

        dossier = self.window.current_dossier
        if dossier is None:
            return
        options = printing.ask_options(self.window, dossier)
        if options is not None:
            then(self.window, dossier, options)
