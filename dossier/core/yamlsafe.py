"""Reading YAML defensively: safe tags only, bounded size, depth and expansion.

The libyaml-backed parser turns the text into events; one pass over them, with no
recursion, builds ``Node`` values that remember their line and column, so every
problem can be reported where it is. Every limit is checked as the events stream in:
nesting depth, the number of aliases, and the number of values the document would
expand to (an alias counts the whole of what it names), so a hostile file is refused
before it costs anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_RESOLVER = yaml.resolver.Resolver()

MAX_BYTES = 2 * 1024 * 1024  # a thorough dossier is ~100 KiB; 2 MiB leaves room
MAX_DEPTH = 32  # the format nests 6 levels deep
MAX_NODES = 200_000  # values after alias expansion; bombs blow past this at once
MAX_ALIASES = 1_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_MERGE = "tag:yaml.org,2002:merge"


class YamlProblem(Exception):
    """The document cannot be read as a dossier; position is 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Node:
    """A YAML value with the place it was written."""

    value: Any  # str | int | float | bool | None | list[Node] | dict[str, Node]
    line: int
    column: int
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """A reader's name for the value's type."""
        return type_name(self.value)


def type_name(value: Any) -> str:
    """Name a YAML value's type as a dossier author would."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def parse(text: str) -> Node:
    """Read one YAML document into ``Node`` values; raise YamlProblem when unfit."""
    try:
        return _Composer().compose(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        raise _marked(error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None


class _Open:
    """A collection still being read."""

    __slots__ = ("anchor", "key", "node", "size")

    def __init__(self, node: Node, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.key: str | None = None  # a mapping's key waiting for its value
        self.size = 1  # values it expands to, itself included


class _Composer:
    """Builds ``Node`` values from parser events in one pass, enforcing the limits."""

    def __init__(self) -> None:
        self.open: list[_Open] = []
        self.anchors: dict[str, tuple[Node, int]] = {}  # anchor -> node, expanded size
        self.budget = MAX_NODES
        self.aliases = 0
        self.documents = 0
        self.root: Node | None = None

    def compose(self, events: Iterable[yaml.Event]) -> Node:
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self._start(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                done = self.open.pop()
                self._place(done.node, done.size, done.anchor)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise YamlProblem(
                        "more than one YAML document; a dossier is a single document",
                        *_at(event),
                    )
        if self.root is None:
            raise YamlProblem(
                "the file is empty; a dossier starts with 'format: briefing-dossier/1'"
            )
        return self.root

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        line, column = _at(event)
        tag = _tag(event, yaml.ScalarNode, event.value, event.implicit)
        if self._wants_key():
            self._key(event, tag)
            return
        self._spend(1, event)
        self._place(Node(_scalar(event.value, tag, line, column), line, column), 1, event.anchor)

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        if self._wants_key():
            raise YamlProblem("keys must be plain words", *_at(event))
        if len(self.open) >= MAX_DEPTH:
            raise YamlProblem(f"the document nests deeper than {MAX_DEPTH} levels", *_at(event))
        mapping = isinstance(event, yaml.MappingStartEvent)
        _tag(event, yaml.MappingNode if mapping else yaml.SequenceNode, None, event.implicit)
        self._spend(1, event)
        self.open.append(_Open(Node({} if mapping else [], *_at(event)), event.anchor))

    def _alias(self, event: yaml.AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise YamlProblem(
                f"more than {MAX_ALIASES} aliases; refusing a document that may "
                "expand without bound",
                *_at(event),
            )
        if self._wants_key():
            raise YamlProblem("keys must be plain words", *_at(event))
        if event.anchor not in self.anchors:
            raise YamlProblem(f"the alias *{event.anchor} names no anchor before it", *_at(event))
        node, size = self.anchors[event.anchor]
        self._spend(size, event)
        self._place(node, size, None)

    def _wants_key(self) -> bool:
        return (
            bool(self.open)
            and isinstance(self.open[-1].node.value, dict)
            and (self.open[-1].key is None)
        )

    def _key(self, event: yaml.ScalarEvent, tag: str) -> None:
        line, column = _at(event)
        current = self.open[-1]
        if tag == _MERGE:
            raise YamlProblem("keys must be plain words", line, column)
        key = str(event.value)
        if key in current.node.value:
            raise YamlProblem(f"the key '{key}' appears twice", line, column)
        current.node.key_positions[key] = (line, column)
        current.key = key

    def _place(self, child: Node, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (child, size)
        if not self.open:
            self.root = child
            return
        parent = self.open[-1]
        if parent.key is not None:
            parent.node.value[parent.key] = child
            parent.key = None
        else:
            parent.node.value.append(child)
        parent.size += size

    def _spend(self, size: int, event: yaml.Event) -> None:
        self.budget -= size
        if self.budget < 0:
            raise YamlProblem(
                f"the document expands to more than {MAX_NODES} values (an alias bomb?)",
                *_at(event),
            )


def _tag(event: yaml.NodeEvent, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
    """The event's tag, resolved as the safe loader would; refuse any that builds objects."""
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
    if tag not in _PLAIN_TAGS and tag != _MERGE:
        raise YamlProblem(
            f"the tag {tag!r} is not allowed; a dossier holds only plain text, "
            "numbers, lists and mappings",
            *_at(event),
        )
    return str(tag)


def _at(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _marked(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    where = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = error.problem or "not valid YAML"
    if "nesting depth" in problem:  # libyaml's own limit can trip before ours
        return YamlProblem(f"the document nests deeper than {MAX_DEPTH} levels", *where)
    context = f" {error.context}" if error.context else ""
    return YamlProblem(f"YAML syntax: {problem}{context}".replace("\n", " "), *where)


def _scalar(text: str, tag: str, line: int, column: int) -> Any:
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in {"true", "yes", "on"}
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "tag:yaml.org,2002:float":
        lowered = text.lower().replace("_", "")
        if lowered in {".nan", ".inf", "+.inf", "-.inf"}:
            raise YamlProblem(f"{text} is not a usable number", line, column)
        try:
            number = float(lowered)
        except ValueError:  # YAML 1.1 forms Python does not read, such as 1:30.5
            return text
        return number if math.isfinite(number) else text
    # Timestamps stay text: the loader parses YYYY, YYYY-MM and YYYY-MM-DD itself.
    return text
