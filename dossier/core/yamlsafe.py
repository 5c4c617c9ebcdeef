"""Reading YAML defensively: safe tags only, bounded size, depth and expansion.

The file is parsed to events first (cheap, streaming) to refuse absurd nesting and
alias bombs before anything is built; then composed with the libyaml-backed safe
loader into nodes, which are turned into ``Node`` values that remember their
line and column so every problem can be reported where it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024  # a thorough dossier is ~100 KiB; 2 MiB leaves room
MAX_DEPTH = 32  # the format nests 6 levels deep
MAX_NODES = 200_000  # scalars after alias expansion; bombs blow past this at once
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
    _precheck(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _marked(error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(f"the document nests deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise YamlProblem("the file is empty; a dossier starts with 'format: briefing-dossier/1'")
    budget = [MAX_NODES]
    return _convert(root, budget, 0)


def _precheck(text: str) -> None:
    depth = 0
    aliases = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        f"the document nests deeper than {MAX_DEPTH} levels", *_at(event)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise YamlProblem(
                        f"more than {MAX_ALIASES} aliases; refusing a document that may "
                        "expand without bound",
                        *_at(event),
                    )
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "more than one YAML document; a dossier is a single document",
                        *_at(event),
                    )
    except yaml.MarkedYAMLError as error:
        raise _marked(error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None


def _at(event: yaml.Event) -> tuple[int | None, int | None]:
    mark = event.start_mark
    return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


def _marked(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "not valid YAML"
    if "nesting depth" in problem:  # libyaml's own limit can trip before ours
        message = f"the document nests deeper than {MAX_DEPTH} levels"
        return YamlProblem(message, *((mark.line + 1, mark.column + 1) if mark else (None, None)))
    context = f" {error.context}" if error.context else ""
    message = f"YAML syntax: {problem}{context}".replace("\n", " ")
    if mark is None:
        return YamlProblem(message)
    return YamlProblem(message, mark.line + 1, mark.column + 1)


def _convert(node: yaml.Node, budget: list[int], depth: int) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(
            f"the document expands to more than {MAX_NODES} values (an alias bomb?)",
            line,
            column,
        )
    if depth > MAX_DEPTH:
        raise YamlProblem(f"the document nests deeper than {MAX_DEPTH} levels", line, column)
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(
            f"the tag {node.tag!r} is not allowed; a dossier holds only plain text, "
            "numbers, lists and mappings",
            line,
            column,
        )
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        positions: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            merge = key_node.tag == "tag:yaml.org,2002:merge"
            if not isinstance(key_node, yaml.ScalarNode) or merge:
                raise YamlProblem("keys must be plain words", key_line, key_column)
            key = str(key_node.value)
            if key in values:
                raise YamlProblem(f"the key '{key}' appears twice", key_line, key_column)
            values[key] = _convert(value_node, budget, depth + 1)
            positions[key] = (key_line, key_column)
        return Node(values, line, column, positions)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(child, budget, depth + 1) for child in node.value], line, column)
    assert isinstance(node, yaml.ScalarNode)
    return Node(_scalar(node, line, column), line, column)


def _scalar(node: yaml.ScalarNode, line: int, column: int) -> Any:
    text = str(node.value)
    tag = node.tag
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
        number = float(lowered)
        return number if math.isfinite(number) else text
    # Timestamps stay text: the loader parses YYYY, YYYY-MM and YYYY-MM-DD itself.
    return text
