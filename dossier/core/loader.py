"""Load a dossier file into the model, checking everything and reporting every problem.

``load_dossier`` either returns a ``Dossier`` whose every citation and quote has been
found in its source, or raises ``DossierError`` listing each problem with the file,
line and column where it was written.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from dossier.core import anchors
from dossier.core.dates import PartialDate
from dossier.core.errors import DossierError, Problem
from dossier.core.markings import rank, short_mark
from dossier.core.model import (
    DEFAULT_CLASSIFICATION,
    ENTITY_KINDS,
    FORMAT,
    Citation,
    Dossier,
    Entity,
    Event,
    Figure,
    Location,
    Point,
    Quote,
    Section,
    Source,
)
from dossier.core.resources import shipped_sources
from dossier.core.source import SearchBudget, SearchLimit, SourceText
from dossier.core.text import UNSAFE, normalise
from dossier.core.yamlsafe import MAX_BYTES, Node, YamlProblem, parse

log = logging.getLogger("dossier.loader")

MAX_SOURCE_BYTES = 16 * 1024 * 1024
MAX_TOTAL_SOURCE_BYTES = 64 * 1024 * 1024  # every distinct source file of one dossier
# Source text the citations of one dossier may make the loader scan. A large source is
# searched piece by piece after a few citations (SourceText.locate), so a thorough
# dossier needs a small part of it; scanning all of it takes well under a second.
MAX_SEARCH_CHARACTERS = 128 * 1024 * 1024
MAX_CLOSEST = 10  # misses per dossier shown with their closest passage
MAX_MARKING = 64  # characters of a classification marking
_MARKING_EXTRA = frozenset("0123456789 /-")  # besides letters
_DRIVE_RE = re.compile(r"[A-Za-z]:")
# the tabs the viewer adds beside the sections
RESERVED_SECTION_IDS = (anchors.OVERVIEW, anchors.PICTURES)
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class _Shape:
    """The keys a mapping must and may have."""

    what: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.required + self.optional


_MARK = "classification"  # a portion marking on a section or an item
_MARKING_KEYS = ("markings", "handling")  # the dossier's declared markings; its caveat
_TOP = _Shape(
    "the dossier",
    ("format", "id", "title", "as_of", "summary", "sources", "sections"),
    ("subtitle", "classification", "countries", "producer", "gazetteer", *_MARKING_KEYS),
)
_SOURCE = _Shape(
    "a source",
    ("id", "path", "title"),
    ("publisher", "author", "interviewee", "date", "kind", "url"),
)
_SECTION = _Shape(
    "a section",
    ("id", "title", "summary"),
    ("points", "figures", "events", "entities", "quotes", _MARK),
)
_POINT = _Shape("a point", ("text", "cite"), (_MARK,))
_FIGURE = _Shape("a figure", ("label", "value", "unit", "cite"), ("period", "change", _MARK))
_EVENT = _Shape("an event", ("date", "title", "cite"), (_MARK,))
_ENTITY = _Shape(
    "an entity", ("name", "kind"), ("role", "aliases", "cite", "id", "location", "route")
)
_LOCATION = _Shape("a location", ("lat", "lon"))
_QUOTE = _Shape("a quote", ("text",), ("speaker", "source", _MARK))
_CITE = _Shape("a citation", ("source", "quote"))


def read_text_and_digest(
    path: Path, limit: int = MAX_BYTES, what: str = "dossier"
) -> tuple[str, str]:
    """Read a UTF-8 text file, refusing what is not one (DossierError), with the sha256
    of the very bytes that were decoded.

    Only a regular file is read: a FIFO, a device or a folder is refused before it is
    opened (a FIFO would wait for a writer), checked again once open, and a file whose
    content is not the size it claims (such as one in ``/proc``) is refused after.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DossierError([Problem(path, f"no such file (the {what} was not found)")]) from None
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    except ValueError as error:  # a NUL byte in the path
        raise DossierError([Problem(path, f"cannot read: {error}")]) from None
    _check_regular(path, info, limit, what)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())  # the file opened, not the one checked
            _check_regular(path, info, limit, what)
            data = handle.read(limit + 1)
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        raise DossierError([Problem(path, f"is larger than {limit:,} bytes")])
    if len(data) != info.st_size:
        raise DossierError(
            [Problem(path, f"is a special file (its size changes as it is read), not a {what}")]
        )
    if b"\x00" in data:
        raise DossierError([Problem(path, f"is a binary file, not a {what} (UTF-8 text)")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise DossierError(
            [Problem(path, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line, column)]
        ) from None
    return text, hashlib.sha256(data).hexdigest()


def _check_regular(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DossierError([Problem(path, f"is a folder, not a {what} file")])
    if not stat.S_ISREG(info.st_mode):
        raise DossierError([Problem(path, f"is not a regular file, so not a {what}")])
    if info.st_size > limit:
        raise DossierError(
            [Problem(path, f"is {info.st_size:,} bytes; a {what} may be at most {limit:,}")]
        )


def load_dossier(path: Path | str, trusted: Sequence[Path | str] = ()) -> Dossier:
    """Load and check the dossier at ``path``; raise DossierError naming every problem.

    A source is read only from inside the dossier's own folder, the app's shipped
    sources, or one of the ``trusted`` folders (which the user chose, never the dossier).
    """
    path = Path(path)
    text, digest = read_text_and_digest(path)
    try:
        root = parse(text)
    except YamlProblem as problem:
        raise DossierError([Problem(path, problem.message, problem.line, problem.column)]) from None
    builder = _Builder(path, digest, trusted)
    dossier = builder.build(root)
    if builder.problems or dossier is None:
        raise DossierError(builder.problems)
    log.info("loaded %s: %s", path, dossier.counts())
    return dossier


class _Builder:
    """Builds the model from nodes, collecting problems instead of stopping at one."""

    def __init__(self, path: Path, digest: str = "", trusted: Sequence[Path | str] = ()) -> None:
        self.path = path
        self.digest = digest
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.broken_sources: set[str] = set()
        self.as_of = PartialDate(1)
        self.entity_ids: dict[str, Node] = {}
        self.entity_kinds: dict[str, str] = {}
        self.routes: list[tuple[str, Node, list[tuple[str, Node]]]] = []
        self.roots = source_roots(path, trusted)
        self.folder = self.roots[0]
        self.read: dict[Path, tuple[SourceText, str]] = {}  # each file read once
        self.source_bytes = 0
        self.budget = SearchBudget(MAX_SEARCH_CHARACTERS)
        self.search_stopped = False
        self.closest_left = MAX_CLOSEST
        self.markings: tuple[str, ...] = ()
        self.marked: list[tuple[str, Node]] = []  # each portion marking and where it is

    # -- reporting ---------------------------------------------------------------
    def problem(self, node: Node | None, message: str) -> None:
        if node is None:
            self.problems.append(Problem(self.path, message))
        else:
            self.problems.append(Problem(self.path, message, node.line, node.column))

    def safe(self, node: Node, value: str) -> bool:
        """False (and a problem) when ``value`` holds a character that hides or reorders."""
        found = UNSAFE.search(value)
        if found is not None:
            self.problem(node, _unsafe_message(found.group(), found.start()))
        return found is None

    # -- shapes --------------------------------------------------------------------
    def mapping(self, node: Node, shape: _Shape) -> dict[str, Node] | None:
        """Check that ``node`` is a mapping with the keys ``shape`` allows."""
        if not isinstance(node.value, dict):
            self.problem(node, f"{shape.what} must be a mapping of keys, not {node.kind}")
            return None
        values: dict[str, Node] = node.value
        for key in values:
            if key not in shape.allowed:
                line, column = node.key_positions.get(key, (node.line, node.column))
                hint = difflib.get_close_matches(key, shape.allowed, n=1, cutoff=0.6)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                allowed = ", ".join(shape.allowed)
                self.problems.append(
                    Problem(
                        self.path,
                        f"unknown key '{key}' in {shape.what}{suggestion} (allowed: {allowed})",
                        line,
                        column,
                    )
                )
        missing = [key for key in shape.required if key not in values]
        if missing:
            names = ", ".join(f"'{key}'" for key in missing)
            plural = "s" if len(missing) > 1 else ""
            self.problem(node, f"{shape.what} is missing the required key{plural} {names}")
        return values

    def text(
        self, values: dict[str, Node], key: str, *, numbers: bool = False, checked: bool = True
    ) -> str | None:
        """A non-empty text value (or a number written as text, when allowed).

        ``checked``: refuse invisible and control characters (a source path is checked
        by :func:`path_problem` instead).
        """
        node = values.get(key)
        if node is None:
            return None
        value = node.value
        if numbers and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.problem(node, f"'{key}' must be text, not {node.kind}")
            return None
        if not value.strip():
            self.problem(node, f"'{key}' is empty")
            return None
        if checked and not self.safe(node, value):
            return None
        return value.strip()

    def identifier(self, values: dict[str, Node], key: str, seen: dict[str, Node]) -> str | None:
        text = self.text(values, key)
        if text is None:
            return None
        node = values[key]
        if not _ID_RE.fullmatch(text):
            self.problem(
                node,
                f"'{text}' is not a valid id: use lower-case letters, digits and hyphens",
            )
            return None
        if text in seen:
            first = seen[text]
            self.problem(node, f"duplicate id '{text}' (first used at line {first.line})")
            return None
        seen[text] = node
        return text

    def date(self, values: dict[str, Node], key: str) -> PartialDate | None:
        text = self.text(values, key, numbers=True)
        if text is None:
            return None
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            self.problem(values[key], f"'{key}': {error}")
            return None

    def items(
        self, values: dict[str, Node], key: str, build: Callable[[Node, int], Any]
    ) -> list[Any]:
        node = values.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.problem(node, f"'{key}' must be a list, not {node.kind}")
            return []
        built = [build(child, index) for index, child in enumerate(node.value, start=1)]
        return [item for item in built if item is not None]

    # -- the dossier -----------------------------------------------------------------
    def build(self, root: Node) -> Dossier | None:
        if not isinstance(root.value, dict):
            self.problem(root, f"a dossier must be a mapping of keys, not {root.kind}")
            return None
        top = self.mapping(root, _TOP)
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
        classification = self.safe_marking(top) or DEFAULT_CLASSIFICATION
        countries = self.text_list(top, "countries")
        self.declare_markings(top)
        sources = self.build_sources(top.get("sources"))
        sections = self.build_sections(top.get("sections"))
        self.check_routes()
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
            **self.marking_fields(top, classification),
        )

    def safe_marking(self, values: dict[str, Node]) -> str | None:
        """A ``classification`` in the safe alphabet markings are limited to."""
        node = values.get("classification")
        if node is None or not isinstance(node.value, str):
            return self.text(values, "classification")
        wrong = marking_problem(node.value)
        if wrong is not None:
            self.problem(node, wrong)
            return None
        return self.text(values, "classification")

    def text_list(self, values: dict[str, Node], key: str) -> list[str]:
        node = values.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.problem(node, f"'{key}' must be a list of text, not {node.kind}")
            return []
        out = []
        for child in node.value:
            if isinstance(child.value, str) and child.value.strip():
                if self.safe(child, child.value):
                    out.append(child.value.strip())
            else:
                self.problem(child, f"each of '{key}' must be text, not {child.kind}")
        return out

    # -- sources -------------------------------------------------------------------------
    def build_sources(self, node: Node | None) -> list[Source]:
        if node is None:
            return []
        if not isinstance(node.value, list) or not node.value:
            self.problem(node, "'sources' must be a list of at least one source")
            return []
        seen: dict[str, Node] = {}
        out = []
        for child in node.value:
            values = self.mapping(child, _SOURCE)
            if values is None:
                continue
            source_id = self.identifier(values, "id", seen)
            title = self.text(values, "title")
            relative = self.text(values, "path", checked=False)
            optional = {key: self.text(values, key, numbers=True) for key in _SOURCE.optional}
            if source_id is None or relative is None:
                if source_id is not None:
                    self.broken_sources.add(source_id)
                continue
            read = self.read_source(values["path"], source_id, relative)
            if read is None:
                self.broken_sources.add(source_id)
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
            self.sources[source_id] = source
            out.append(source)
        return out

    def read_source(
        self, node: Node, source_id: str, relative: str
    ) -> tuple[Path, SourceText, str] | None:
        """The source file ``relative`` names, read once, if the dossier may read it."""
        where = f"source '{source_id}'"
        wrong = path_problem(relative)
        if wrong is not None:
            self.problem(node, f"{where}: {wrong}")
            return None
        try:
            location = (self.folder / relative).resolve()  # symlinks followed
        except (OSError, RuntimeError) as error:  # a symlink loop
            self.problem(node, f"{where}: cannot follow the path '{relative}': {error}")
            return None
        if not location.exists():  # said plainly, wherever the path leads
            self.problem(node, f"{where}: {location} no such file (the source was not found)")
            return None
        root = next((root for root in self.roots if location.is_relative_to(root)), None)
        if root is None:
            self.problem(
                node,
                f"{where}: '{relative}' leads outside the dossier's folder (to {location}); "
                f"a source must be inside {self.folder} or a folder you trust "
                "(--trust DIR on the command line; File ▸ Trust a Folder… in the viewer)",
            )
            return None
        if any(part.startswith(".") for part in location.relative_to(root).parts):
            self.problem(node, f"{where}: '{relative}' is a hidden file or inside a hidden folder")
            return None
        if location in self.read:
            return location, *self.read[location]
        try:
            size = location.stat().st_size
        except OSError:
            size = 0  # reading reports what is wrong
        if self.source_bytes + size > MAX_TOTAL_SOURCE_BYTES:
            self.problem(
                node,
                f"{where}: {location} would bring the dossier's sources to "
                f"{self.source_bytes + size:,} bytes; together they may be at most "
                f"{MAX_TOTAL_SOURCE_BYTES:,}",
            )
            return None
        try:
            raw, digest = read_text_and_digest(location, MAX_SOURCE_BYTES, "source")
        except DossierError as error:
            self.problem(node, f"{where}: {location} {error.problems[0].message}")
            return None
        self.source_bytes += len(raw.encode("utf-8", "surrogatepass"))
        text = SourceText(raw)
        self.read[location] = (text, digest)
        return location, text, digest

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
        values = self.mapping(node, _SECTION)
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
            classification=self.marking(values),
            id=section_id,
            title=title,
            summary=summary,
            points=tuple(points),
            figures=tuple(figures),
            events=tuple(events),
            entities=tuple(entities),
            quotes=tuple(quotes),
        )

    def point(self, node: Node, anchor: str) -> Point | None:
        values = self.mapping(node, _POINT)
        if values is None:
            return None
        text = self.text(values, "text")
        cites = self.cites(values, "the point")
        if text is None or cites is None:
            return None
        return Point(anchor, text, cites, self.marking(values))

    def figure(self, node: Node, anchor: str) -> Figure | None:
        values = self.mapping(node, _FIGURE)
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
            else:
                self.problem(value_node, f"'value' must be a number, not {value_node.kind}")
        cites = self.cites(values, f"the figure '{label or '?'}'")
        if label is None or unit is None or value is None or cites is None:
            return None
        return Figure(anchor, label, value, unit, period, change, cites, self.marking(values))

    def event(self, node: Node, anchor: str) -> Event | None:
        values = self.mapping(node, _EVENT)
        if values is None:
            return None
        date = self.date(values, "date")
        title = self.text(values, "title")
        cites = self.cites(values, f"the event '{title or '?'}'")
        if date is None or title is None or cites is None:
            return None
        upcoming = date.is_after(self.as_of)
        return Event(anchor, date, title, upcoming, cites, self.marking(values))

    def entity(self, node: Node, anchor: str) -> Entity | None:
        values = self.mapping(node, _ENTITY)
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
            cites = self.cites(values, f"the entity '{name or '?'}'")
        entity_id, location, route = self.entity_places(values, name or "?", kind)
        if name is None or kind is None or cites is None:
            return None
        return Entity(anchor, name, kind, role, tuple(aliases), cites, entity_id, location, route)

    # -- places and routes (gazetteer data: checked for range, never cited) --------------
    def entity_places(
        self, values: dict[str, Node], name: str, kind: str | None
    ) -> tuple[str | None, Location | None, tuple[str, ...]]:
        """An entity's optional ``id``, ``location`` and ``route``."""
        entity_id = self.identifier(values, "id", self.entity_ids)
        if entity_id is not None and kind is not None:
            self.entity_kinds[entity_id] = kind
        location = self.location(values["location"], name) if "location" in values else None
        route: tuple[str, ...] = ()
        if "route" in values:
            route = self.route(values["route"], name)
        return entity_id, location, route

    def location(self, node: Node, name: str) -> Location | None:
        values = self.mapping(node, _LOCATION)
        if values is None:
            return None
        lat = self.degrees(values.get("lat"), "lat", 90, name)
        lon = self.degrees(values.get("lon"), "lon", 180, name)
        return None if lat is None or lon is None else Location(lat, lon)

    def degrees(self, node: Node | None, key: str, limit: int, name: str) -> float | None:
        if node is None:
            return None
        raw = node.value
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            self.problem(node, f"'{key}' of '{name}' must be a number of degrees, not {node.kind}")
            return None
        if not -limit <= raw <= limit:
            self.problem(node, f"'{key}' of '{name}' is {raw}; it must lie within ±{limit}°")
            return None
        return float(raw)

    def route(self, node: Node, name: str) -> tuple[str, ...]:
        if not isinstance(node.value, list):
            self.problem(node, f"'route' of '{name}' must be a list of entity ids, not {node.kind}")
            return ()
        stops: list[tuple[str, Node]] = []
        for child in node.value:
            if isinstance(child.value, str) and child.value.strip():
                if self.safe(child, child.value):
                    stops.append((child.value.strip(), child))
            else:
                self.problem(child, f"each stop of the route of '{name}' must be an entity id")
        if len(node.value) < 2:
            self.problem(node, f"the route of '{name}' needs at least two stops")
        self.routes.append((name, node, stops))
        return tuple(stop for stop, _ in stops)

    def check_routes(self) -> None:
        """Every stop names a place, wherever in the dossier that place is written."""
        for name, _, stops in self.routes:
            for stop, child in stops:
                kind = self.entity_kinds.get(stop)
                if stop not in self.entity_ids:
                    known = ", ".join(sorted(self.entity_ids)) or "none"
                    self.problem(
                        child, f"the route of '{name}' names no entity '{stop}' (ids: {known})"
                    )
                elif kind is not None and kind != "place":
                    self.problem(
                        child,
                        f"the route of '{name}' stops at '{stop}', "
                        f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a place",
                    )

    def quote(self, node: Node, anchor: str) -> Quote | None:
        values = self.mapping(node, _QUOTE)
        if values is None:
            return None
        text = self.text(values, "text")
        speaker = self.text(values, "speaker")
        source_id = self.source_ref(values.get("source"), node)
        if text is None or source_id is None:
            return None
        citation = self.resolve(source_id, text, values["text"], "the quote")
        if citation is None:
            return None
        return Quote(anchor, text, speaker, citation, self.marking(values))

    # -- markings (all optional) ---------------------------------------------------------
    def declare_markings(self, top: dict[str, Node]) -> None:
        """Read the declared markings, lowest first, before any item names one."""
        self.markings = tuple(self.text_list(top, "markings"))
        shorts: dict[str, str] = {}
        for marking in self.markings:
            mark = short_mark(marking)
            if mark in shorts:
                self.problem(
                    top["markings"],
                    f"the markings '{shorts[mark]}' and '{marking}' share the mark ({mark})",
                )
            shorts[mark] = marking

    def marking(self, values: dict[str, Node]) -> str | None:
        """An item's or section's portion marking, which must be a declared one."""
        text = self.safe_marking(values)
        if text is None:
            return None
        node = values[_MARK]
        if rank(self.markings, text) < 0:
            declared = ", ".join(self.markings) or "none; add 'markings: [..]' to the dossier"
            self.problem(node, f"the marking '{text}' is not a declared one (declared: {declared})")
            return None
        self.marked.append((text, node))
        return self.markings[rank(self.markings, text)]

    def marking_fields(self, top: dict[str, Node], classification: str) -> dict[str, Any]:
        """The dossier's markings, handling caveat, and a warning for each item marked
        above the dossier's own classification (export then needs it given)."""
        if "classification" in top and self.markings and rank(self.markings, classification) < 0:
            self.problem(
                top["classification"],
                f"the classification '{classification}' is not one of the declared markings "
                f"({', '.join(self.markings)})",
            )
        own = rank(self.markings, classification)
        warnings = tuple(
            Problem(
                self.path,
                f"warning: marked {text}, above the dossier's classification "
                f"{classification}; the export needs --classification",
                node.line,
                node.column,
            )
            for text, node in self.marked
            if rank(self.markings, text) > own
        )
        return {
            "markings": self.markings,
            "handling": self.text(top, "handling"),
            "warnings": warnings,
        }

    # -- citations -----------------------------------------------------------------------
    def source_ref(self, node: Node | None, owner: Node) -> str | None:
        """The source a citation names, or the only source when it names none."""
        if node is None:
            if len(self.sources) + len(self.broken_sources) == 1:
                return next(iter(self.sources), None)
            self.problem(owner, "name the 'source' (the dossier has more than one)")
            return None
        if not isinstance(node.value, str):
            self.problem(node, f"'source' must be a source id, not {node.kind}")
            return None
        if node.value in self.broken_sources:
            return None
        if node.value not in self.sources:
            known = ", ".join(sorted(self.sources)) or "none"
            self.problem(node, f"unknown source '{node.value}' (known sources: {known})")
            return None
        return node.value

    def cites(self, values: dict[str, Node], owner: str) -> tuple[Citation, ...] | None:
        node = values.get("cite")
        if node is None:
            return None
        entries = node.value if isinstance(node.value, list) else [node]
        if not entries:
            self.problem(node, f"'cite' of {owner} is an empty list")
            return None
        out: list[Citation] = []
        failed = False
        for entry in entries:
            citation = self.cite(entry, owner)
            if citation is None:
                failed = True
            else:
                out.append(citation)
        return None if failed else tuple(out)

    def cite(self, node: Node, owner: str) -> Citation | None:
        if isinstance(node.value, str):
            if len(self.sources) + len(self.broken_sources) > 1:
                self.problem(
                    node,
                    "a bare citation needs a dossier with exactly one source; "
                    "write {source: ID, quote: ...}",
                )
                return None
            source_id = self.source_ref(None, node)
            if source_id is None or not self.safe(node, node.value):
                return None
            return self.resolve(source_id, node.value, node, owner)
        values = self.mapping(node, _CITE)
        if values is None or "quote" not in values:
            return None
        source_id = self.source_ref(values.get("source"), node)
        quote = self.text(values, "quote")
        if source_id is None or quote is None:
            return None
        return self.resolve(source_id, quote, values["quote"], owner)

    def resolve(self, source_id: str, passage: str, node: Node, owner: str) -> Citation | None:
        if self.search_stopped:
            return None
        source = self.sources[source_id]
        try:
            match = source.text.locate(passage, self.budget)
        except SearchLimit:
            self.search_stopped = True
            self.problem(
                node,
                f"{owner}: citations not checked from here on: together they need more "
                f"than {MAX_SEARCH_CHARACTERS:,} characters of source text searched",
            )
            return None
        if match is not None:
            return Citation(source_id, passage, match.paragraph, match.start, match.end)
        shown = normalise(passage)
        if len(shown) > 60:
            shown = shown[:59] + "…"
        message = f"{owner}: \"{shown}\" is not in source '{source_id}'"
        if self.closest_left > 0:
            self.closest_left -= 1
            closest = source.text.closest(passage)
            if closest is not None:
                number, text = closest
                message += f'; closest passage (¶ {number}): "{text}"'
        else:
            message += f"; closest passage omitted (shown for the first {MAX_CLOSEST} only)"
        self.problem(node, message)
        return None


def path_problem(relative: str) -> str | None:
    """Why a source path is refused before it is looked at, or None.

    Only a relative path with '/' between names is portable and stays local: an absolute,
    UNC (``//host/share``, which Windows would open over the network) or drive path
    (``C:\\``, ``C:name``) is not.
    """
    if "\x00" in relative:
        return "the path holds a NUL byte"
    found = UNSAFE.search(relative)
    if found is not None:
        return _unsafe_message(found.group(), found.start())
    if relative.startswith(("//", "\\\\")):
        return f"'{relative}' names a network share; a source must be a file beside the dossier"
    if _DRIVE_RE.match(relative) or PureWindowsPath(relative).drive:
        return f"'{relative}' names a Windows drive; give the path relative to the dossier"
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).anchor:
        return f"'{relative}' is an absolute path; give the path relative to the dossier"
    if "\\" in relative:
        return f"'{relative}' holds a backslash; separate folder names with '/'"
    return None


def marking_problem(marking: str) -> str | None:
    """Why ``marking`` cannot be a classification marking, or None.

    A marking is printed on every page and must read the same everywhere: letters,
    digits 0-9, spaces, '/' and '-' only, so no character can hide, reorder or fake it;
    and each word in one script, so "SЕCRET" with a Cyrillic Е cannot pass for SECRET
    (the mixed-script rule of Unicode UTS #39). "Rəsmi istifadə üçün" is a marking.
    """
    text = marking.strip(" ")  # a line break or other white space at an end is refused
    if not text:
        return None  # reported as empty by the caller
    if len(text) > MAX_MARKING:
        return f"the classification is {len(text)} characters; at most {MAX_MARKING}"
    for index, character in enumerate(text):
        if not (character in _MARKING_EXTRA or unicodedata.category(character).startswith("L")):
            return (
                "the classification may hold only letters, digits 0-9, spaces, '/' and '-'; "
                f"character {index + 1} is {_describe(character)}"
            )
    if unicodedata.normalize("NFKC", text) != text:  # fullwidth or styled letters
        return "the classification holds letters in a compatibility form (NFKC); retype it"
    for word in re.split(r"[ /\-]+", text):
        scripts = {_script(c) for c in word if c not in _MARKING_EXTRA}
        if len(scripts) > 1:
            return (
                f"the classification word '{word}' mixes scripts ({', '.join(sorted(scripts))}); "
                "a marking must not look like another"
            )
    return None


def _script(letter: str) -> str:
    """A letter's script, as the first word of its Unicode name (LATIN, CYRILLIC...)."""
    return unicodedata.name(letter, "UNKNOWN").split(" ")[0]


def _describe(character: str) -> str:
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} {name}" if name else code


def _unsafe_message(character: str, index: int) -> str:
    return (
        f"the text holds {_describe(character)} (character {index + 1}), an invisible "
        "character that can make it display differently from what it says; remove it"
    )


def source_roots(dossier_path: Path, trusted: Sequence[Path | str] = ()) -> list[Path]:
    """The folders the dossier at ``dossier_path`` may read sources from, resolved: its
    own folder (first), the app's shipped sources, and the ``trusted`` ones."""
    own = _resolved(dossier_path.absolute().parent)
    return [own, _resolved(shipped_sources()), *(_resolved(Path(f).absolute()) for f in trusted)]


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder
