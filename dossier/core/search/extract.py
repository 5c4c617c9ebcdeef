"""Turning a loaded dossier into search documents (see :mod:`.documents`)."""

from __future__ import annotations

from collections.abc import Iterator

from dossier.core import anchors
from dossier.core.model import (
    Citation,
    Dossier,
    Entity,
    Event,
    Figure,
    Item,
    Point,
    Quote,
    Source,
)  # fmt: skip
from dossier.core.search.documents import SEP, Document


def _first(cites: tuple[Citation, ...]) -> tuple[str | None, int | None]:
    if not cites:
        return None, None
    return cites[0].source_id, cites[0].paragraph


def _item(item: Item, section_id: str, section_title: str) -> Document:
    source_id, paragraph = _first(item.cites)
    kind, name, body, extra = _fields(item)
    return Document(
        kind, item.anchor, section_id, section_title, name, body, extra, source_id, paragraph
    )


def _fields(item: Item) -> tuple[str, str, str, str]:
    if isinstance(item, Point):
        return "point", "", item.text, ""
    if isinstance(item, Figure):
        value = item.value_text
        plain = value.replace(",", "") if "," in value else ""
        details = (value, item.unit, item.period or "", item.change or "", plain)
        return "figure", "", item.label, SEP.join(details)
    if isinstance(item, Event):
        return "event", "", item.title, f"{item.date.iso()}{SEP}{item.date.display()}"
    if isinstance(item, Entity):
        return "entity", SEP.join((item.name, *item.aliases)), item.role or "", item.kind
    if isinstance(item, Quote):
        return "quote", "", item.text, item.speaker or ""
    raise TypeError(f"not an item: {item!r}")


def documents(dossier: Dossier) -> Iterator[Document]:
    """Every searchable thing of ``dossier``: its own documents, then its sources'."""
    yield from own_documents(dossier)
    for source in dossier.sources:
        yield from paragraphs(source)


def own_documents(dossier: Dossier) -> Iterator[Document]:
    """The dossier's own searchable things: overview, sections and items."""
    extra = SEP.join(part for part in (dossier.subtitle or "", *dossier.countries) if part)
    yield Document(
        "overview", anchors.OVERVIEW, None, None, dossier.title, dossier.summary, extra, None, None
    )
    for section in dossier.sections:
        yield Document(
            "section", anchors.section(section.id), section.id, section.title, section.title,
            section.summary, "", None, None,
        )  # fmt: skip
        for item in section.items():
            yield _item(item, section.id, section.title)


def paragraphs(source: Source) -> Iterator[Document]:
    """A source's paragraphs, as documents of no dossier (no anchor, no source id)."""
    for paragraph in source.text.paragraphs:
        yield Document("paragraph", "", None, None, "", paragraph.text, "", None, paragraph.number)
