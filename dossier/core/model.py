"""The dossier model: immutable values built by the loader, read by everything else.

Every item in a section carries an ``anchor`` ("politics/point/3", see
:mod:`dossier.core.anchors`) that is stable for a given file; search results, the
viewer and the briefing use it to point at one item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core.dates import PartialDate
from dossier.core.errors import Problem

if TYPE_CHECKING:
    from dossier.core.source import SourceText

FORMAT = "briefing-dossier/1"
ENTITY_KINDS = (
    "person",
    "organization",
    "place",
    "program",
    "agreement",
    "vessel",
    "infrastructure",
)
DEFAULT_CLASSIFICATION = "UNCLASSIFIED"


@dataclass(frozen=True)
class Citation:
    """A verbatim passage of a source, resolved to its paragraph and character span."""

    source_id: str
    quote: str
    paragraph: int  # 1-based, as the Source tab and the briefing number them
    start: int  # character offsets into that paragraph's text
    end: int

    @property
    def marker(self) -> str:
        """The reference printed after a claim, on screen and on paper."""
        return f"¶\u00a0{self.paragraph}"


@dataclass(frozen=True)
class Point:
    """A key point, in the dossier's own words."""

    anchor: str
    text: str
    cites: tuple[Citation, ...]
    classification: str | None = None  # a portion marking from the dossier's ``markings``


@dataclass(frozen=True)
class Figure:
    """A number from the source, with its unit and period."""

    anchor: str
    label: str
    value: int | float
    unit: str
    period: str | None
    change: str | None
    cites: tuple[Citation, ...]
    classification: str | None = None

    @property
    def value_text(self) -> str:
        """The value with thousands separators (6,736; 0.5; 1,250.75)."""
        if isinstance(self.value, int) or float(self.value).is_integer():
            return f"{int(self.value):,}"
        return f"{self.value:,.{_decimals(self.value)}f}"


def _decimals(value: float) -> int:
    text = repr(value)
    return min(len(text.split(".")[1]), 6) if "." in text and "e" not in text else 2


@dataclass(frozen=True)
class Event:
    """A dated happening; ``upcoming`` when it lies after the dossier's as-of date."""

    anchor: str
    date: PartialDate
    title: str
    upcoming: bool
    cites: tuple[Citation, ...]
    classification: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a place lies (WGS 84 degrees): gazetteer data, not a claim of a source."""

    lat: float
    lon: float


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place, programme, agreement, vessel or installation.

    ``id`` names the entity for a ``route`` of another; ``route`` lists the ids of the
    places a route or installation runs through, in order.
    """

    anchor: str
    name: str
    kind: str
    role: str | None
    aliases: tuple[str, ...]
    cites: tuple[Citation, ...]
    id: str | None = None
    location: Location | None = None
    route: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """Words from a source, verbatim, with where they stand in it."""

    anchor: str
    text: str
    speaker: str | None
    citation: Citation
    classification: str | None = None

    @property
    def cites(self) -> tuple[Citation, ...]:
        return (self.citation,)


Item = Point | Figure | Event | Entity | Quote


@dataclass(frozen=True)
class Section:
    """One topic of the dossier (a tab in the viewer, a part of the briefing)."""

    id: str
    title: str
    summary: str
    points: tuple[Point, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    classification: str | None = None

    def items(self) -> tuple[Item, ...]:
        """Every item of the section, in reading order."""
        return (*self.points, *self.figures, *self.events, *self.entities, *self.quotes)


@dataclass(frozen=True)
class Source:
    """A source document and what is known about it."""

    id: str
    path: Path
    title: str
    text: SourceText
    publisher: str | None = None
    author: str | None = None
    interviewee: str | None = None
    date: str | None = None
    kind: str | None = None
    url: str | None = None
    digest: str = ""  # sha256 of the file's bytes as they were read


@dataclass(frozen=True)
class Dossier:
    """A whole dossier: metadata, sources and sections in file order."""

    path: Path
    id: str
    title: str
    as_of: PartialDate
    summary: str
    sources: tuple[Source, ...]
    sections: tuple[Section, ...]
    subtitle: str | None = None
    classification: str = DEFAULT_CLASSIFICATION
    countries: tuple[str, ...] = ()
    producer: str | None = None
    gazetteer: str | None = None  # where the places' coordinates come from
    digest: str = ""  # sha256 of the dossier file's bytes as they were parsed
    markings: tuple[str, ...] = ()  # the declared markings, lowest first
    handling: str | None = None  # a handling caveat printed under the banner
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # valid, but worth a look
    _by_anchor: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError when there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def source(self, source_id: str) -> Source:
        """The source with this id; KeyError when there is none."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def item(self, anchor: str) -> Item:
        """The item with this anchor; KeyError when there is none."""
        if not self._by_anchor:
            for section in self.sections:
                for item in section.items():
                    self._by_anchor[item.anchor] = item
        return self._by_anchor[anchor]

    def events(self) -> tuple[tuple[Section, Event], ...]:
        """Every event of every section, oldest first (the whole timeline)."""
        pairs = [(s, e) for s in self.sections for e in s.events]
        return tuple(sorted(pairs, key=lambda pair: pair[1].date.sort_key()))

    def counts(self) -> dict[str, int]:
        """How many of each kind of item the dossier holds."""
        citations = sum(len(i.cites) for s in self.sections for i in s.items())
        return {
            "sections": len(self.sections),
            "points": sum(len(s.points) for s in self.sections),
            "figures": sum(len(s.figures) for s in self.sections),
            "events": sum(len(s.events) for s in self.sections),
            "entities": sum(len(s.entities) for s in self.sections),
            "quotes": sum(len(s.quotes) for s in self.sections),
            "citations": citations,
        }
