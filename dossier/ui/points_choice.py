"""The talking points choice of the Export and Print dialogs: which notes mark them.

The same choice as ``dossier export --points-from``: a colour (by default the one named
"Raise in meeting"), a tag used on a point, or none (the first point of each section).
Each entry says how many points it marks in this dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from dossier.core.briefing.marked_points import (
    NONE,
    RAISE_IN_MEETING,
    MarkedPoints,
    colour_keys,
    marked_points,
    parse_points_from,
)
from dossier.core.notes.queries import list_notes
from dossier.ui.notes_store import borrowed

if TYPE_CHECKING:
    from dossier.core.model import Dossier

FIRST_POINTS = "First point of each section"


class PointsChoice(QComboBox):
    """Which notes mark the talking points; its data is a ``--points-from`` spec."""

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self.setAccessibleName("Talking points")
        self.setToolTip(
            "For the read-ahead and the talking points page: the points you marked in "
            "your notes with this colour or tag; with none marked, the first point of "
            "each section."
        )
        with borrowed() as opened:
            store = opened.store
            colours = store.colours() if store is not None else []
            groups = list_notes(store, dossier) if store is not None else []
        by_colour: dict[str, set[str]] = {}
        by_tag: dict[str, set[str]] = {}
        points = {p.anchor for s in dossier.sections for p in s.points}
        for group in groups:
            for placed in group.placements:
                a = placed.annotation
                if a.kind == "bookmark" or placed.orphan or placed.anchor not in points:
                    continue
                if a.colour:
                    by_colour.setdefault(a.colour, set()).add(str(placed.anchor))
                for tag in a.tags:
                    by_tag.setdefault(tag, set()).add(str(placed.anchor))
        for key, name in colours:
            self.addItem(f"Marked “{name}” ({_count(by_colour.get(key))})", f"colour:{key}")
        for tag in sorted(by_tag, key=str.casefold):
            self.addItem(f"Tagged #{tag} ({_count(by_tag[tag])})", f"tag:{tag}")
        self.addItem(FIRST_POINTS, NONE)
        keys, _ = colour_keys(colours, (RAISE_IN_MEETING,))
        self.default_spec = f"colour:{keys[0]}" if keys else NONE
        self.select(self.default_spec)

    def spec(self) -> str:
        """The chosen entry as ``--points-from`` takes it ("colour:yellow", "none")."""
        return str(self.currentData())

    def select(self, spec: str) -> bool:
        """Choose the entry of ``spec``; False (and the default kept) when there is none,
        e.g. a tag remembered from another dossier."""
        index = self.findData(spec)
        if index < 0:
            index = self.findData(self.default_spec)
            self.setCurrentIndex(max(0, index))
            return False
        self.setCurrentIndex(index)
        return True

    def chosen(self) -> MarkedPoints:
        """The marked points of the chosen entry, and how they were marked."""
        choice = parse_points_from(self.spec())
        with borrowed() as opened:
            try:
                return marked_points(opened.store, self._dossier, choice)
            except ValueError:  # the colour was deleted meanwhile: nothing is marked with it
                return MarkedPoints()


def _count(anchors: set[str] | None) -> str:
    n = len(anchors or ())
    return f"{n} point" if n == 1 else f"{n} points"
