"""File → Export PDF…, Print Preview… and Print…, for the dossier on screen.

The printing machinery is imported on first use, so it costs nothing at start-up.
The actions are given what they need (a parent, the File menu, the dossier shown), so
this module does not know the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from dossier.core.briefing.choices import BriefingOptions
    from dossier.core.model import Dossier
    from dossier.ui.printing import Purpose


class BriefingActions:
    """The three briefing actions, enabled while a dossier is open."""

    def __init__(
        self,
        parent: QWidget,
        menu: QMenu,
        before: QAction,
        current_dossier: Callable[[], Dossier | None],
    ) -> None:
        """Add the actions to ``parent`` and to ``menu`` before ``before``; they work on
        ``current_dossier()``. Call :meth:`set_dossier` when the dossier shown changes."""
        self._parent = parent
        self._current = current_dossier
        self.export_action = QAction("&Export PDF…", parent)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip("Export the briefing as a PDF")
        self.export_action.triggered.connect(self.export_pdf)
        self.preview_action = QAction("Print Pre&view…", parent)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.preview_action.setStatusTip("See the printed briefing page by page")
        self.preview_action.triggered.connect(self.print_preview)
        self.print_action = QAction("&Print…", parent)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setStatusTip("Print the briefing")
        self.print_action.triggered.connect(self.print_briefing)

        for action in (self.export_action, self.preview_action, self.print_action):
            menu.insertAction(before, action)
            parent.addAction(action)  # shortcuts work even with the menu bar hidden
        menu.insertSeparator(before)
        self.set_dossier(current_dossier())

    def set_dossier(self, dossier: Dossier | None) -> None:
        """Enable the actions while a dossier is shown."""
        for action in (self.export_action, self.preview_action, self.print_action):
            action.setEnabled(dossier is not None)

    def export_pdf(self) -> None:
        """Ask for sections, paper and a file; export in the background."""
        from dossier.ui import printing

        dossier = self._current()
        if dossier is not None:
            printing.export_pdf_interactive(self._parent, dossier)

    def print_preview(self) -> None:
        """Ask for sections and paper, then preview the printed briefing."""
        from dossier.ui import printing

        self._with_options(printing.print_preview, printing.PREVIEW)

    def print_briefing(self) -> None:
        """Ask for sections and paper, then a printer, and print."""
        from dossier.ui import printing

        self._with_options(printing.print_dialog, printing.PRINT)

    def _with_options(
        self, then: Callable[[QWidget, Dossier, BriefingOptions], object], purpose: Purpose
    ) -> None:
        from dossier.ui import printing

        dossier = self._current()
        if dossier is None:
            return
        options = printing.ask_options(self._parent, dossier, purpose)
        if options is not None:
            then(self._parent, dossier, options)
