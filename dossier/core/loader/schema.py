"""The keys each mapping of the dossier format must and may have.

One table for the whole format, so what a dossier may say is read in one place and
every "unknown key" message lists the same allowed keys the loader accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Shape:
    """The keys a mapping must and may have."""

    what: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @cached_property
    def allowed(self) -> tuple[str, ...]:
        return self.required + self.optional

    @cached_property
    def keys(self) -> frozenset[str]:
        """The allowed keys, to test a mapping's keys against at once."""
        return frozenset(self.allowed)


MARK = "classification"  # a portion marking on a section or an item
_MARKING_KEYS = ("markings", "handling")  # the dossier's declared markings; its caveat
TOP = Shape(
    "the dossier",
    ("format", "id", "title", "as_of", "summary", "sources", "sections"),
    ("subtitle", "classification", "countries", "producer", "gazetteer", *_MARKING_KEYS),
)
SOURCE = Shape(
    "a source",
    ("id", "path", "title"),
    ("publisher", "author", "interviewee", "date", "kind", "url"),
)
SECTION = Shape(
    "a section",
    ("id", "title", "summary"),
    ("points", "figures", "events", "entities", "quotes", MARK),
)
POINT = Shape("a point", ("text", "cite"), (MARK,))
FIGURE = Shape("a figure", ("label", "value", "unit", "cite"), ("period", "change", MARK))
EVENT = Shape("an event", ("date", "title", "cite"), (MARK,))
ENTITY = Shape(
    "an entity", ("name", "kind"), ("role", "aliases", "cite", "id", "location", "route")
)
LOCATION = Shape("a location", ("lat", "lon"))
QUOTE = Shape("a quote", ("text",), ("speaker", "source", MARK))
CITE = Shape("a citation", ("source", "quote"))
