"""Build the model of a dossier from its checked YAML nodes.

The builder walks the dossier top down, sources before sections so that every
citation can be resolved as it is read, and asks the loader's other parts to check
what they own: sources' files, citations, places and markings. It builds a
``Dossier`` only when nothing was wrong.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from dossier.core import anchors
from dossier.core.dates import PartialDate
from dossier.core.loader import schema
from dossier.core.loader.checks import Checker
from dossier.core.loader.citations import Citations
from dossier.core.loader.marking_checks import Markings
from dossier.core.loader.places import Places
from dossier.core.loader.sources import SourceFiles
from dossier.core.model import (
    DEFAULT_CLASSIFICATION,
    ENTITY_KINDS,
    FORMAT,
    Citation,
    Dossier,
    Entity,
    Event,
    Figure,
    Point,
    Quote,
    Section,
    Source,
)
from dossier.core.yamlsafe import Node

# the tabs the viewer adds beside the sections
RESERVED_SECTION_IDS = (anchors.OVERVIEW, anchors.PICTURES)
_EXPONENT = re.compile(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE]([-+]?)[0-9]+")  # 1e5, -2.5E3


def _unread_exponent(text: str) -> bool:
    """Whether ``text`` is a number YAML 1.1 reads as text only for its spelling (no
    point, or an exponent without its sign), not one too large for a float."""
    match = _EXPONENT.fullmatch(text)
    if match is None or (match[1] and match[2]):
        return False
    return math.isfinite(float(text.replace("_", "")))


class Builder(Checker):
    """Builds the model from nodes, collecting problems instead of stopping at one."""

    def __init__(self, path: Path, digest: str = "", trusted: Sequence[Path | str] = ()) -> None:
        super().__init__(path)
        self.digest = digest
        self.as_of = PartialDate(1)
        self.files = SourceFiles(self, trusted)
        self.citations = Citations(self)
        self.places = Places(self)
        self.markings = Markings(self)

    # -- the dossier -----------------------------------------------------------------
    def build(self, root: Node) -> Dossier | None:
        if not isinstance(root.value, dict):
            self.problem(root, f"a dossier must be a mapping of keys, not {root.kind}")
            return None
        top = self.mapping(root, schema.TOP)
        if top is None:
            return None
        if "format" in top and top["format"].value != FORMAT:
            self.problem(top["format"], f"format must be '{FORMAT}', not {top['format'].value!r}")
        dossier_id = self.identifier(top, "id", {})
        title = self.text(top, "title")
        as_of = self.date(top, "as_of")
        if as_of is not None:
            self.as_of = as_of
        summary = self.text(top, "summary")
        subtitle = self.text(top, "subtitle")
        producer = self.text(top, "producer")
        classification = self.markings.safe_marking(top) or DEFAULT_CLASSIFICATION
        countries = self.text_list(top, "countries")
        self.markings.declare(top)
        sources = self.build_sources(top.get("sources"))
        sections = self.build_sections(top.get("sections"))
        self.places.check_routes()
        gazetteer = self.text(top, "gazetteer")
        if self.problems or None in (dossier_id, title, as_of, summary):
            return None
        assert dossier_id and title and as_of and summary
        return Dossier(
            path=self.path,
            id=dossier_id,
            title=title,
            subtitle=subtitle,
            as_of=as_of,
            classification=classification,
            countries=tuple(countries),
            producer=producer,
            gazetteer=gazetteer,
            summary=summary,
            sources=tuple(sources),
            sections=tuple(sections),
            digest=self.digest,
            **self.markings.fields(top, classification),
        )

    # -- sources -------------------------------------------------------------------------
    def build_sources(self, node: Node | None) -> list[Source]:
        if node is None:
            return []
        if not isinstance(node.value, list) or not node.value:
            self.problem(node, "'sources' must be a list of at least one source")
            return []
        seen: dict[str, Node] = {}
        out = []
        broken = self.citations.broken_sources
        self.citations.declared = len(node.value)
        for child in node.value:
            values = self.mapping(child, schema.SOURCE)
            if values is None:
                continue
            source_id = self.identifier(values, "id", seen)
            title = self.text(values, "title")
            relative = self.text(values, "path", checked=False)
            optional = {key: self.text(values, key, numbers=True) for key in schema.SOURCE.optional}
            if source_id is None or relative is None:
                if source_id is not None:
                    broken.add(source_id)
                continue
            read = self.files.open(values["path"], source_id, relative)
            if read is None:
                broken.add(source_id)
                continue
            location, text, source_digest = read
            if title is None:
                continue
            source = Source(
                id=source_id,
                path=location,
                title=title,
                text=text,
                digest=source_digest,
                **optional,
            )
            self.citations.sources[source_id] = source
            out.append(source)
        return out

    # -- sections ------------------------------------------------------------------------
    def build_sections(self, node: Node | None) -> list[Section]:
        if node is None:
            return []
        if not isinstance(node.value, list) or not node.value:
            self.problem(node, "'sections' must be a list of at least one section")
            return []
        seen: dict[str, Node] = {}
        out = []
        for child in node.value:
            section = self.build_section(child, seen)
            if section is not None:
                out.append(section)
        return out

    def build_section(self, node: Node, seen: dict[str, Node]) -> Section | None:
        values = self.mapping(node, schema.SECTION)
        if values is None:
            return None
        section_id = self.identifier(values, "id", seen)
        if section_id in RESERVED_SECTION_IDS:
            self.problem(
                values["id"],
                f"the section id '{section_id}' is reserved for the viewer's own "
                f"{section_id.title()} tab; choose another",
            )
            section_id = None
        title = self.text(values, "title")
        summary = self.text(values, "summary")
        item = partial(anchors.item, section_id or "?")
        points = self.items(values, "points", lambda n, i: self.point(n, item("point", i)))
        figures = self.items(values, "figures", lambda n, i: self.figure(n, item("figure", i)))
        events = self.items(values, "events", lambda n, i: self.event(n, item("event", i)))
        entities = self.items(values, "entities", lambda n, i: self.entity(n, item("entity", i)))
        quotes = self.items(values, "quotes", lambda n, i: self.quote(n, item("quote", i)))
        if section_id is None or title is None or summary is None:
            return None
        return Section(
            classification=self.markings.marking(values),
            id=section_id,
            title=title,
            summary=summary,
            points=tuple(points),
            figures=tuple(figures),
            events=tuple(events),
            entities=tuple(entities),
            quotes=tuple(quotes),
        )

    # -- items ---------------------------------------------------------------------------
    def point(self, node: Node, anchor: str) -> Point | None:
        values = self.mapping(node, schema.POINT)
        if values is None:
            return None
        text = self.text(values, "text")
        cites = self.citations.cites(values, "the point")
        if text is None or cites is None:
            return None
        return Point(anchor, text, cites, self.markings.marking(values))

    def figure(self, node: Node, anchor: str) -> Figure | None:
        values = self.mapping(node, schema.FIGURE)
        if values is None:
            return None
        label = self.text(values, "label")
        unit = self.text(values, "unit")
        period = self.text(values, "period", numbers=True)
        change = self.text(values, "change", numbers=True)
        value_node = values.get("value")
        value: int | float | None = None
        if value_node is not None:
            raw = value_node.value
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                value = raw
            elif isinstance(raw, str) and _unread_exponent(raw.strip()):
                # YAML 1.1 reads "1e5" as text: a float needs its point and sign
                self.problem(value_node, f"'value' {raw.strip()!r} is read as text: "
                             "write an exponent with a point and a sign, as 1.0e+5")  # fmt: skip
            else:
                self.problem(value_node, f"'value' must be a number, not {value_node.kind}")
        cites = self.citations.cites(values, f"the figure '{label or '?'}'")
        if label is None or unit is None or value is None or cites is None:
            return None
        return Figure(
            anchor, label, value, unit, period, change, cites, self.markings.marking(values)
        )

    def event(self, node: Node, anchor: str) -> Event | None:
        values = self.mapping(node, schema.EVENT)
        if values is None:
            return None
        date = self.date(values, "date")
        title = self.text(values, "title")
        cites = self.citations.cites(values, f"the event '{title or '?'}'")
        if date is None or title is None or cites is None:
            return None
        upcoming = date.is_after(self.as_of)
        return Event(anchor, date, title, upcoming, cites, self.markings.marking(values))

    def entity(self, node: Node, anchor: str) -> Entity | None:
        values = self.mapping(node, schema.ENTITY)
        if values is None:
            return None
        name = self.text(values, "name")
        kind = self.text(values, "kind")
        if kind is not None and kind not in ENTITY_KINDS:
            hint = difflib.get_close_matches(kind, ENTITY_KINDS, n=1, cutoff=0.5)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            self.problem(
                values["kind"],
                f"unknown entity kind '{kind}'{suggestion} (one of: {', '.join(ENTITY_KINDS)})",
            )
            kind = None
        role = self.text(values, "role")
        aliases = self.text_list(values, "aliases")
        cites: tuple[Citation, ...] | None = ()
        if "cite" in values:
            cites = self.citations.cites(values, f"the entity '{name or '?'}'")
        entity_id, location, route = self.places.entity_places(values, name or "?", kind)
        if name is None or kind is None or cites is None:
            return None
        return Entity(anchor, name, kind, role, tuple(aliases), cites, entity_id, location, route)

    def quote(self, node: Node, anchor: str) -> Quote | None:
        values = self.mapping(node, schema.QUOTE)
        if values is None:
            return None
        text = self.text(values, "text")
        speaker = self.text(values, "speaker")
        source_id = self.citations.source_ref(values.get("source"), node)
        if text is None or source_id is None:
            return None
        citation = self.citations.resolve(source_id, text, values["text"], "the quote")
        if citation is None:
            return None
        return Quote(anchor, text, speaker, citation, self.markings.marking(values))
