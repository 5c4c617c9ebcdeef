"""Reading YAML defensively: safe tags only, bounded size, depth and expansion.

The libyaml-backed parser turns the text into events; one pass over them, with no
recursion, builds ``Node`` values that remember their line and column, so every
problem can be reported where it is. Every limit is checked as the events stream in:
nesting depth, the number of aliases, and the number of values the document would
expand to (an alias counts the whole of what it names), so a hostile file is refused
before it costs anything.

libyaml's own composer is no faster: it builds its node graph in Python objects too
(and resolves every tag in Python), so converting that graph costs more than reading
the events, and it would compose the whole document before any limit could apply.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import yaml

from dossier.core.file_limits import MAX_DOSSIER_BYTES

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = MAX_DOSSIER_BYTES
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
_STR = "tag:yaml.org,2002:str"
_ALLOWED = frozenset(_PLAIN_TAGS | {_MERGE})
# The safe loader's implicit resolvers, by a plain scalar's first character ("" when
# empty), each followed by those for any character, in the order it tries them.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_ANY_FIRST: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_RESOLVERS.get(None, ()))
_IMPLICIT = {
    first: tuple(found) + _ANY_FIRST for first, found in _RESOLVERS.items() if first is not None
}


class YamlProblem(Exception):
    """The document cannot be read as a dossier; position is 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


_NO_KEYS: Mapping[str, tuple[int, int]] = MappingProxyType({})


class Node:
    """A YAML value with the place it was written.

    ``key_positions``: for a mapping, where each of its keys was written (empty and
    read-only for any other value).
    """

    __slots__ = ("column", "key_positions", "line", "value")

    def __init__(
        self,
        value: Any,  # str | int | float | bool | None | list[Node] | dict[str, Node]
        line: int,
        column: int,
        key_positions: Mapping[str, tuple[int, int]] = _NO_KEYS,
    ) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.key_positions = key_positions

    def __repr__(self) -> str:
        return f"Node({self.value!r}, line={self.line}, column={self.column})"

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
    loader = None
    try:
        loader = _Loader(text)
        return _compose(loader.get_event)
    except yaml.MarkedYAMLError as error:
        raise _marked(error) from None
    except yaml.reader.ReaderError as error:
        raise _unreadable(error, text) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _compose(next_event: Callable[[], Any]) -> Node:
    """Build ``Node`` values from the parser's events in one pass, enforcing the limits.

    One loop with the innermost open collection in local variables: this runs once per
    value of every dossier, so it avoids a method call or attribute lookup per event.
    """
    make = Node  # looked up at each parse, so a test may count the nodes built
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
    anchors: dict[str, tuple[Node, int]] = {}  # anchor -> node, expanded size
    plain_tags: dict[str, str] = {}  # plain scalar -> its resolved tag (keys repeat)
    budget = MAX_NODES
    aliases = documents = 0
    root: Node | None = None
    # The innermost open collection; ``container is None`` when none is open. The
    # enclosing ones wait on ``outer``, innermost last.
    container: Any = None
    is_mapping = False
    key: str | None = None  # a mapping's key waiting for its value
    size = 0  # values the collection expands to, itself included
    node: Any = None
    anchor: str | None = None
    outer: list[tuple[Any, bool, str | None, int, Any, str | None]] = []
    while True:
        event = next_event()
        kind = event.__class__
        if kind is scalar_event:
            value = event.value
            tag = event.tag
            if tag is None or tag == "!":
                if event.implicit[0]:
                    tag = plain_tags.get(value)
                    if tag is None:
                        tag = plain_tags[value] = _plain_tag(value)
                else:
                    tag = _STR
            mark = event.start_mark
            if tag not in _ALLOWED:
                raise _refused_tag(tag, mark)
            if is_mapping and key is None:
                if tag == _MERGE:
                    raise YamlProblem("keys must be plain words", *_where(mark))
                if value in container:
                    raise YamlProblem(f"the key '{value}' appears twice", *_where(mark))
                node.key_positions[value] = (mark.line + 1, mark.column + 1)
                key = value
                continue
            budget -= 1
            if budget < 0:
                raise _overspent(mark)
            line = mark.line + 1
            column = mark.column + 1
            child = make(value if tag == _STR else _scalar(value, tag, line, column), line, column)
            child_size = 1
            child_anchor = event.anchor
        elif kind is mapping_start or kind is sequence_start:
            mark = event.start_mark
            if is_mapping and key is None:
                raise YamlProblem("keys must be plain words", *_where(mark))
            if len(outer) >= MAX_DEPTH:
                raise YamlProblem(
                    f"the document nests deeper than {MAX_DEPTH} levels", *_where(mark)
                )
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _ALLOWED:
                raise _refused_tag(tag, mark)
            budget -= 1
            if budget < 0:
                raise _overspent(mark)
            outer.append((container, is_mapping, key, size, node, anchor))
            is_mapping = kind is mapping_start
            if is_mapping:
                node = make({}, mark.line + 1, mark.column + 1, {})
            else:
                node = make([], mark.line + 1, mark.column + 1)
            container = node.value
            key = None
            size = 1
            anchor = event.anchor
            continue
        elif kind is mapping_end or kind is sequence_end:
            child, child_size, child_anchor = node, size, anchor
            container, is_mapping, key, size, node, anchor = outer.pop()
        elif kind is alias_event:
            mark = event.start_mark
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlProblem(
                    f"more than {MAX_ALIASES} aliases; refusing a document that may "
                    "expand without bound",
                    *_where(mark),
                )
            if is_mapping and key is None:
                raise YamlProblem("keys must be plain words", *_where(mark))
            if event.anchor not in anchors:
                raise YamlProblem(
                    f"the alias *{event.anchor} names no anchor before it", *_where(mark)
                )
            child, child_size = anchors[event.anchor]
            budget -= child_size
            if budget < 0:
                raise _overspent(mark)
            child_anchor = None
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise YamlProblem(
                    "more than one YAML document; a dossier is a single document",
                    *_where(event.start_mark),
                )
            continue
        elif kind is stream_end:
            break
        else:  # the stream's start, a document's end
            continue
        # A value is complete: remember its anchor and put it in place.
        if child_anchor is not None:
            anchors[child_anchor] = (child, child_size)
        if container is None:
            root = child
        elif is_mapping:
            container[key] = child
            key = None
            size += child_size
        else:
            container.append(child)
            size += child_size
    if root is None:
        raise YamlProblem("the file is empty; a dossier starts with 'format: briefing-dossier/1'")
    return root


def _plain_tag(value: str) -> str:
    """The tag the safe loader resolves an untagged plain scalar to."""
    for tag, regexp in _IMPLICIT.get(value[:1], _ANY_FIRST):
        if regexp.match(value):
            return str(tag)
    return _STR


def _refused_tag(tag: str, mark: yaml.Mark | None) -> YamlProblem:
    return YamlProblem(
        f"the tag {tag!r} is not allowed; a dossier holds only plain text, "
        "numbers, lists and mappings",
        *_where(mark),
    )


def _overspent(mark: yaml.Mark | None) -> YamlProblem:
    return YamlProblem(
        f"the document expands to more than {MAX_NODES} values (an alias bomb?)",
        *_where(mark),
    )


def _where(mark: yaml.Mark | None) -> tuple[int, int]:
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _unreadable(error: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML refuses, at its line and column. libyaml counts the position in
    UTF-8 bytes, so the text before it is measured in characters here."""
    before = text.encode("utf-8", "surrogatepass")[: error.position]
    head = before.decode("utf-8", "ignore")
    line = head.count("\n") + 1
    column = len(head) - (head.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return YamlProblem(f"character U+{code:04X} is not allowed in YAML", line, column)


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
