"""Back and Forward through the places a reader has been, as plain data.

The viewer records a :class:`Location` before it takes the reader somewhere (a cited
passage, a search result) and asks :class:`History` where Back and Forward lead.
Nothing here knows about widgets; the window reads and restores scroll offsets.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Location:
    """A place the reader was: dossier, tab, scroll offset and what was highlighted."""

    dossier_id: str
    tab_id: str
    scroll: int
    passage: tuple[str, int, int] | None = None  # anchor, start, end
    item: str | None = None


class History:
    """The Back and Forward stacks, and the place the reader was last taken to."""

    def __init__(self) -> None:
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._shown: Location | None = None

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def arrived(self, where: Location) -> None:
        """The reader was taken to ``where`` (its highlight is remembered with it)."""
        self._shown = where

    def here(self, now: Location | None) -> Location | None:
        """Where the reader is (``now``), with the highlight that brought them there,
        as long as they are still on that tab."""
        shown = self._shown
        if now is None or shown is None:
            return now
        if (shown.dossier_id, shown.tab_id) == (now.dossier_id, now.tab_id):
            return replace(shown, scroll=now.scroll)
        return now

    def record(self, now: Location | None) -> None:
        """The reader leaves ``now`` by following a link: Back returns there."""
        here = self.here(now)
        if here is not None:
            self._back.append(here)
            self._forward.clear()

    def back(self, now: Location | None) -> Location | None:
        """Where Back leads from ``now`` (None when there is nowhere to go)."""
        return self._step(self._back, self._forward, now)

    def forward(self, now: Location | None) -> Location | None:
        """Where Forward leads from ``now`` (None when there is nowhere to go)."""
        return self._step(self._forward, self._back, now)

    def _step(
        self, source: list[Location], other: list[Location], now: Location | None
    ) -> Location | None:
        if not source:
            return None
        here = self.here(now)
        where = source.pop()
        if here is not None:
            other.append(here)
        return where

    def keep_only(self, dossier_ids: Collection[str]) -> None:
        """Forget places in dossiers that are no longer open."""
        self._back = [where for where in self._back if where.dossier_id in dossier_ids]
        self._forward = [where for where in self._forward if where.dossier_id in dossier_ids]

    def clear(self) -> None:
        """Forget everything (nothing is open any more)."""
        self._back.clear()
        self._forward.clear()
