"""Classification markings: their order, short portion marks, and the banner they call for.

A dossier may declare ``markings: [UNCLASSIFIED, RESTRICTED, CONFIDENTIAL]``, lowest
first, and mark any section, point, figure, event or quote with one of them
(``classification: RESTRICTED``). An unmarked item carries its section's marking,
and an unmarked section the dossier's own ``classification``. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dossier.core import anchors
from dossier.core.model import Dossier, Item, Section

_WORD = re.compile(r"[^\W_]+")


def short_mark(marking: str) -> str:
    """The portion mark of a marking: the initials of its words in capitals,
    ``"RESTRICTED"`` -> ``"R"``, ``"TOP SECRET"`` -> ``"TS"``."""
    initials = "".join(word[0] for word in _WORD.findall(marking))
    return initials.upper() or marking.strip()[:1].upper()


def rank(markings: Sequence[str], marking: str | None) -> int:
    """Where ``marking`` stands in the declared list (case-insensitive), -1 if not in it."""
    if marking is None:
        return -1
    folded = [m.casefold() for m in markings]
    key = marking.strip().casefold()
    return folded.index(key) if key in folded else -1


def item_marking(dossier: Dossier, section: Section, item: Item) -> str:
    """The marking an item carries: its own, else its section's, else the dossier's."""
    own = getattr(item, "classification", None)
    return own or section.classification or dossier.classification


def highest(dossier: Dossier, markings: Iterable[str]) -> str | None:
    """The highest of ``markings`` in the dossier's declared order (None if none is known)."""
    best: tuple[int, str] | None = None
    for marking in markings:
        place = rank(dossier.markings, marking)
        if place >= 0 and (best is None or place > best[0]):
            best = (place, dossier.markings[place])
    return best[1] if best else None


def portion_markings(dossier: Dossier, sections: Sequence[Section]) -> list[str]:
    """Every marking the printed sections carry, the sections' own included."""
    found = [s.classification for s in sections if s.classification]
    for section in sections:
        found.extend(item_marking(dossier, section, item) for item in section.items())
    return found


def banner_level(dossier: Dossier, sections: Sequence[Section]) -> str:
    """The banner the content calls for: the highest marking of the dossier and what is
    printed, or the dossier's own classification when it declares no markings."""
    if not dossier.markings:
        return dossier.classification
    top = highest(dossier, [dossier.classification, *portion_markings(dossier, sections)])
    return top or dossier.classification


def portion_marks(dossier: Dossier, sections: Sequence[Section]) -> dict[str, str]:
    """Each printed item's anchor -> its portion mark in brackets, ``"(R)"``; a section's
    anchor -> the mark of its summary."""
    marks: dict[str, str] = {}
    for section in sections:
        own = section.classification or dossier.classification
        marks[anchors.section(section.id)] = f"({short_mark(own)})"
        for item in section.items():
            marks[item.anchor] = f"({short_mark(item_marking(dossier, section, item))})"
    return marks
