"""What the reader is told about the search cache: asking before it is cleared, what
clearing it deleted, and, once, that search works from memory without it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from dossier.core.search.upkeep import removed_text
from dossier.ui import messages
from dossier.ui.search_worker import SearchService


def confirm_clear(parent: QWidget) -> bool:
    """Ask the reader whether to delete the search cache; True when they agree."""
    return messages.confirm(
        "Clear search cache",
        "Delete the search index of every library? It holds the text of the dossiers "
        "and their sources, and is rebuilt on the next search. Your notes are not touched.",
        "Clear Cache",
        parent=parent,
    )


class CacheNotices(QObject):
    """Tells the status bar of ``parent``'s window about ``service``'s cache.

    A child of the panel, so the service's signals stop reaching it with the panel; it
    keeps no reference to the panel, which would keep the panel's wrapper alive after
    Qt deletes it.
    """

    def __init__(self, parent: QWidget, service: SearchService) -> None:
        super().__init__(parent)
        self._service = service
        self._told: str | None = None  # the cache notice the reader was last told
        service.cache_forgotten.connect(self._on_cache_forgotten)
        service.forget_failed.connect(self._on_forget_failed)

    def tell_notice(self) -> None:
        """Say once, in the status bar, that search works without its cache, and why."""
        notice = self._service.notice
        if notice and notice != self._told:
            self._told = notice
            said = notice[:1].upper() + notice[1:]  # "searching without the cache in …"
            self._tell(f"{said}; search works from memory")

    def _on_cache_forgotten(self, files: int, size: int) -> None:
        self._told = None  # a cache that fails again is worth telling again
        if files:
            text = f"Search cache cleared: {removed_text(files, size)} deleted"
        else:
            text = "Search cache cleared: there was nothing to delete"
        self._tell(text)

    def _on_forget_failed(self, message: str) -> None:
        self._tell(f"Could not clear the search cache: {message}")

    def _tell(self, text: str) -> None:
        panel = self.parent()
        messages.info(text, parent=panel if isinstance(panel, QWidget) else None)
