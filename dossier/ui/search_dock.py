"""The search panel docked in a window: its dock, shortcuts and signals wired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget

from dossier.ui.docks import DOCK_MIN_WIDTH, DockShare
from dossier.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from dossier.ui.main_window import MainWindow


def dock_search(window: MainWindow) -> tuple[SearchPanel, QDockWidget]:
    """A search panel docked in ``window``, searching its open dossiers from now on."""
    panel = SearchPanel()
    dock = window.add_dock(panel, "Search")
    dock.setMinimumWidth(DOCK_MIN_WIDTH)
    DockShare(window, dock)  # a small window keeps room for the page
    panel.attach_shortcuts(window)
    panel.result_activated.connect(window.reveal)
    panel.dismissed.connect(window.pages.focus_page)
    window.library_changed.connect(panel.set_dossiers)
    if window.library is not None:
        panel.set_dossiers(window.library.dossiers)
    return panel, dock
