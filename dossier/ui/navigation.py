"""Following links inside the open dossiers, and Back and Forward.

A citation opens its source at the cited passage, highlighted; a search result or an
item link opens its tab with the item highlighted. Before it moves, the navigator
records where the reader was (:mod:`dossier.core.history`), so Back returns there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from dossier.core import anchors
from dossier.core.history import History, Location
from dossier.ui import messages
from dossier.ui.pages import OVERVIEW, DossierPages, source_tab, tab_for_anchor

if TYPE_CHECKING:
    from dossier.core.library import Library
    from dossier.core.model import Dossier

NOTE_MS = 5000  # how long a note about a link that leads nowhere stays


class Shows(Protocol):
    """The window's side: which dossiers are open, and showing one of them."""

    @property
    def current_dossier(self) -> Dossier | None: ...

    @property
    def library(self) -> Library | None: ...

    def show_dossier(self, dossier_id: str, tab_id: str | None = None) -> None: ...


class Navigator(QObject):
    """Takes the reader to places in the pages and back; ``moved`` tells when Back or
    Forward may have changed."""

    moved = Signal()

    def __init__(self, parent: QWidget, pages: DossierPages, shows: Shows) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pages = pages
        self._shows = shows
        self._history = History()
        pages.place_activated.connect(self.open_place)
        pages.history_requested.connect(self._step)

    @property
    def can_go_back(self) -> bool:
        return self._history.can_go_back

    @property
    def can_go_forward(self) -> bool:
        return self._history.can_go_forward

    def go_to_citation(self, source_id: str, paragraph: int, start: int, end: int) -> None:
        """Open a source at a cited passage, highlighted; Back returns here."""
        tab = source_tab(source_id)
        dossier = self._shows.current_dossier
        if dossier is None or tab not in self._pages.tab_ids():
            self._note(f"No source '{source_id}' in this dossier")
            return
        self.record()
        anchor = anchors.paragraph(source_id, paragraph)
        self.go(Location(dossier.id, tab, 0, passage=(anchor, start, end)))

    def reveal(self, dossier_id: str, anchor: str) -> None:
        """Show an item (``politics/point/3``), a source paragraph, or a section."""
        library = self._shows.library
        if library is None:
            return
        try:
            dossier = library.dossier(dossier_id)
        except KeyError:
            self._note(f"No dossier '{dossier_id}' is open")
            return
        tab = tab_for_anchor(dossier, anchor)
        self.record()
        self.go(Location(dossier.id, tab, 0, item=anchor))

    def open_place(self, anchor: str) -> None:
        """Follow a link to a place in the dossier shown (a section from the overview's
        list, a headline figure); Back returns here."""
        dossier = self._shows.current_dossier
        if dossier is not None:
            self.reveal(dossier.id, anchor)

    def _step(self, step: int) -> None:
        if step < 0:
            self.back()
        else:
            self.forward()

    def back(self) -> None:
        """Return to where the reader was before following a link."""
        where = self._history.back(self.location())
        if where is not None:
            self.go(where)

    def forward(self) -> None:
        """Go again where Back came from."""
        where = self._history.forward(self.location())
        if where is not None:
            self.go(where)

    def location(self) -> Location | None:
        """Where the reader is now (dossier, tab, scroll offset)."""
        dossier = self._shows.current_dossier
        tab = self._pages.current_tab_id()
        if dossier is None or tab is None:
            return None
        pane = self._pages.pane(tab)  # None on a tab of charts, which has no scroll offset
        return Location(dossier.id, tab, pane.verticalScrollBar().value() if pane else 0)

    def record(self) -> None:
        """The reader is about to be taken elsewhere: Back returns here."""
        self._history.record(self.location())
        self.moved.emit()

    def go(self, where: Location) -> None:
        """Show ``where``: its dossier, its tab, and its highlight or scroll offset."""
        dossier = self._shows.current_dossier
        if dossier is None or dossier.id != where.dossier_id:
            self._shows.show_dossier(where.dossier_id)
        if not self._pages.select(where.tab_id):
            self._pages.select(OVERVIEW)
        current = self._pages.current_tab_id()
        pane = self._pages.pane(current) if current is not None else None
        if pane is None:  # a tab of charts: nothing to highlight or scroll
            self._history.arrived(where)
            self.moved.emit()
            return
        pane.clear_highlight()
        if where.passage is not None:
            pane.highlight_passage(*where.passage)
        elif where.item is not None:
            if not pane.highlight_item(where.item):
                self._note(f"'{where.item}' is not in this dossier")
        else:
            pane.verticalScrollBar().setValue(where.scroll)
        pane.setFocus()
        self._history.arrived(where)
        self.moved.emit()

    def keep_only(self, dossier_ids: list[str]) -> None:
        """Back and Forward lead only to dossiers still open."""
        self._history.keep_only(dossier_ids)

    def clear(self) -> None:
        """Nothing is open: nowhere to go back to."""
        self._history.clear()
        self.moved.emit()

    def _note(self, text: str) -> None:
        messages.info(text, parent=self._parent, timeout_ms=NOTE_MS)
