"""The searches of this session, recalled with Up and Down in the empty search field.

Plain logic, no Qt: the panel asks :meth:`SearchHistory.recall` what a key does to the
field and does it.
"""

from __future__ import annotations

from dataclasses import dataclass

HISTORY_SIZE = 50


@dataclass(frozen=True)
class Recalled:
    """What an Up or Down key does: nothing (``handled`` False, the key goes on), or
    put ``text`` in the field (None: leave the field as it is)."""

    handled: bool
    text: str | None = None


class SearchHistory:
    """Searches, most recent first, without repeats; a position while stepping."""

    def __init__(self, size: int = HISTORY_SIZE) -> None:
        self._size = size
        self._items: list[str] = []
        self._at: int | None = None  # position while stepping through the history

    def items(self) -> list[str]:
        return list(self._items)

    @property
    def stepping(self) -> bool:
        """True while the field shows a recalled search."""
        return self._at is not None

    def stop(self) -> None:
        """The reader typed: the field is theirs again."""
        self._at = None

    def remember(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if text in self._items:
            self._items.remove(text)
        self._items.insert(0, text)
        del self._items[self._size :]

    def recall(self, step: int, field_text: str) -> Recalled:
        """Step back (+1, Up) or forward (-1, Down) from what the field shows."""
        if not self._items:
            return Recalled(False)
        if self._at is None:
            if step < 0 or field_text:
                return Recalled(False)
            position = 0
        else:
            position = self._at + step
        if position < 0:
            self._at = None
            return Recalled(True, "")
        if position >= len(self._items):
            return Recalled(True)
        self._at = position
        return Recalled(True, self._items[position])
