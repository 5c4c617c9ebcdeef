"""Load a dossier file into the model, checking everything and reporting every problem.

``load_dossier`` either returns a ``Dossier`` whose every citation and quote has been
found in its source, or raises ``DossierError`` listing each problem with the file,
line and column where it was written.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    Point,
    Quote,
    Section,
    Source,
)
from dossier.core.source import SourceText
from dossier.core.text import normalise
from dossier.core.yamlsafe import MAX_BYTES, Node, YamlProblem, parse

log = logging.getLogger("dossier.loader")

MAX_SOURCE_BYTES = 16 * 1024 * 1024
RESERVED_SECTION_IDS = ("overview",)  # tabs the viewer adds beside the sections
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
    ("subtitle", "classification", "countries", "producer", *_MARKING_KEYS),
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
_ENTITY = _Shape("an entity", ("name", "kind"), ("role", "aliases", "cite"))
_QUOTE = _Shape("a quote", ("text",), ("speaker", "source", _MARK))
_CITE = _Shape("a citation", ("source", "quote"))


def read_text(path: Path, limit: int = MAX_BYTES, what: str = "dossier") -> str:
    """Read a UTF-8 text file, refusing what is not one; raise DossierError."""
    return read_text_and_digest(path, limit, what)[0]


def read_text_and_digest(
    path: Path, limit: int = MAX_BYTES, what: str = "dossier"
) -> tuple[str, str]:
    """Like :func:`read_text`, with the sha256 of the very bytes that were decoded."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DossierError([Problem(path, f"no such file (the {what} was not found)")]) from None
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    except ValueError as error:  # a NUL byte in the path
        raise DossierError([Problem(path, f"cannot read: {error}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise DossierError([Problem(path, f"is a folder, not a {what} file")])
    if not stat.S_ISREG(info.st_mode):
        raise DossierError([Problem(path, f"is not a regular file, so not a {what}")])
    if info.st_size > limit:
        raise DossierError(
            [Problem(path, f"is {info.st_size:,} bytes; a {what} may be at most {limit:,}")]
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise DossierError([Problem(path, f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        raise DossierError([Problem(path, f"is larger than {limit:,} bytes")])
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


def load_dossier(path: Path | str) -> Dossier:
    """Load and check the dossier at ``path``; raise DossierError naming every problem."""
    path = Path(path)
    text, digest = read_text_and_digest(path)
    try:
        root = parse(text)
    except YamlProblem as problem:
        raise DossierError([Problem(path, problem.message, problem.line, problem.column)]) from None
    builder = _Builder(path, digest)
    dossier = builder.build(root)
    if builder.problems or dossier is None:
        raise DossierError(builder.problems)
    log.info("loaded %s: %s", path, dossier.counts())
    return dossier


class _Builder:
    """Builds the model from nodes, collecting problems instead of stopping at one."""

    def __init__(self, path: Path, digest: str = "") -> None:
        self.path = path
        self.digest = digest
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.broken_sources: set[str] = set()
        self.as_of = PartialDate(1)
        self.markings: tuple[str, ...] = ()
        self.marked: list[tuple[str, Node]] = []  # each portion marking and where it is

    # -- reporting ---------------------------------------------------------------
    def problem(self, node: Node | None, message: str) -> None:
        if node is None:
            self.problems.append(Problem(self.path, message))
        else:
            self.problems.append(Problem(self.path, message, node.line, node.column))

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

    def text(self, values: dict[str, Node], key: str, *, numbers: bool = False) -> str | None:
        """A non-empty text value (or a number written as text, when allowed)."""
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
        classification = self.text(top, "classification") or DEFAULT_CLASSIFICATION
        countries = self.text_list(top, "countries")
        self.declare_markings(top)
        sources = self.build_sources(top.get("sources"))
        sections = self.build_sections(top.get("sections"))
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
            summary=summary,
            sources=tuple(sources),
            sections=tuple(sections),
            digest=self.digest,
            **self.marking_fields(top, classification),
        )

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
            relative = self.text(values, "path")
            optional = {key: self.text(values, key, numbers=True) for key in _SOURCE.optional}
            if source_id is None or relative is None:
                if source_id is not None:
                    self.broken_sources.add(source_id)
                continue
            if "\x00" in relative:
                self.problem(values["path"], f"source '{source_id}': the path holds a NUL byte")
                self.broken_sources.add(source_id)
                continue
            location = (self.path.parent / relative).resolve()
            try:
                text, source_digest = read_text_and_digest(location, MAX_SOURCE_BYTES, "source")
            except DossierError as error:
                reason = error.problems[0].message
                self.problem(values["path"], f"source '{source_id}': {location} {reason}")
                self.broken_sources.add(source_id)
                continue
            if title is None:
                continue
            source = Source(
                id=source_id,
                path=location,
                title=title,
                text=SourceText(text),
                digest=source_digest,
                **optional,
            )
            self.sources[source_id] = source
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
        sid = section_id or "?"
        points = self.items(values, "points", lambda n, i: self.point(n, f"{sid}/point/{i}"))
        figures = self.items(values, "figures", lambda n, i: self.figure(n, f"{sid}/figure/{i}"))
        events = self.items(values, "events", lambda n, i: self.event(n, f"{sid}/event/{i}"))
        entities = self.items(values, "entities", lambda n, i: self.entity(n, f"{sid}/entity/{i}"))
        quotes = self.items(values, "quotes", lambda n, i: self.quote(n, f"{sid}/quote/{i}"))
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
        if name is None or kind is None or cites is None:
            return None
        return Entity(anchor, name, kind, role, tuple(aliases), cites)

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
        text = self.text(values, _MARK)
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
            if source_id is None:
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
        source = self.sources[source_id]
        match = source.text.locate(passage)
        if match is not None:
            return Citation(source_id, passage, match.paragraph, match.start, match.end)
        shown = normalise(passage)
        if len(shown) > 60:
            shown = shown[:59] + "…"
        message = f"{owner}: \"{shown}\" is not in source '{source_id}'"
        closest = source.text.closest(passage)
        if closest is not None:
            number, text = closest
            message += f'; closest passage (¶ {number}): "{text}"'
        self.problem(node, message)
        return None
