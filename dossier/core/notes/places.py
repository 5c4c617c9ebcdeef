"""The text of what a note can point at: items, section summaries, source paragraphs.

A highlight quotes text as the reader saw it in a pane. ``item_text`` is the text of
an item as one string (its parts on separate lines); quotes are compared after
:func:`dossier.core.text.normalise`, so line breaks, spaces and typographic
punctuation need not match exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dossier.core.model import Dossier, Entity, Event, Figure, Item, Point, Quote


def item_text(item: Item) -> str:
    """Everything of ``item`` a reader sees and can select, one part per line."""
    if isinstance(item, Point):
        parts: list[str | None] = [item.text]
    elif isinstance(item, Figure):
        parts = [item.label, f"{item.value_text} {item.unit}", item.period, item.change]
    elif isinstance(item, Event):
        parts = [item.date.display(), item.title]
    elif isinstance(item, Entity):
        parts = [item.name, item.role, *item.aliases]
    elif isinstance(item, Quote):
        parts = [item.text, item.speaker]
    else:  # pragma: no cover - Item is a closed union
        raise TypeError(f"not an item: {item!r}")
    return "\n".join(part for part in parts if part)


def kind_of(anchor: str) -> str:
    """The kind part of an item anchor ("point" for "trade/point/2")."""
    parts = anchor.split("/")
    return parts[1] if len(parts) == 3 else ""


@dataclass(frozen=True)
class Place:
    """A piece of dossier text a quote can stand in: a section summary or an item."""

    section: str
    anchor: str | None  # None for the section's summary
    text: str


def places(dossier: Dossier) -> Iterator[Place]:
    """Every summary and item of ``dossier``, in reading order."""
    for section in dossier.sections:
        yield Place(section.id, None, section.summary)
        for item in section.items():
            yield Place(section.id, item.anchor, item_text(item))


def item_order(dossier: Dossier) -> dict[str, int]:
    """Each section id and item anchor with its position in reading order."""
    order: dict[str, int] = {}
    for place in places(dossier):
        order.setdefault(place.anchor or place.section, len(order))
    return order
