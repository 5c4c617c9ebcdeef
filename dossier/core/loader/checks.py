"""Read typed values out of positioned YAML nodes, collecting a problem for each wrong one.

Every part of the loader reports through one :class:`Checker`, so a dossier's problems
come back in the order they stand in the file and none stops the others being found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dossier.core.dates import PartialDate
from dossier.core.errors import Problem
from dossier.core.loader.schema import Shape
from dossier.core.text import describe, find_unsafe
from dossier.core.yamlsafe import Node

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def unsafe_message(character: str, index: int) -> str:
    """What is said of text holding a character that hides or reorders (``UNSAFE``)."""
    return (
        f"the text holds {describe(character)} (character {index + 1}), an invisible "
        "character that can make it display differently from what it says; remove it"
    )


class Checker:
    """Checks the values of one dossier file, keeping every problem found."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: Node | None, message: str) -> None:
        if node is None:
            self.problems.append(Problem(self.path, message))
        else:
            self.problems.append(Problem(self.path, message, node.line, node.column))

    def safe(self, node: Node, value: str) -> bool:
        """False (and a problem) when ``value`` holds a character that hides or reorders."""
        found = find_unsafe(value)
        if found is not None:
            self.problem(node, unsafe_message(found.group(), found.start()))
        return found is None

    def mapping(self, node: Node, shape: Shape) -> dict[str, Node] | None:
        """Check that ``node`` is a mapping with the keys ``shape`` allows."""
        if not isinstance(node.value, dict):
            self.problem(node, f"{shape.what} must be a mapping of keys, not {node.kind}")
            return None
        values: dict[str, Node] = node.value
        for key in () if shape.keys.issuperset(values) else values:
            if key not in shape.keys:
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
        by :func:`dossier.core.loader.sources.path_problem` instead).
        """
        node = values.get(key)
        if node is None:
            return None
        value = node.value
        if not isinstance(value, str):
            if numbers and isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
            self.problem(node, f"'{key}' must be text, not {node.kind}")
            return None
        stripped = value.strip()
        if not stripped:
            self.problem(node, f"'{key}' is empty")
            return None
        if checked and not self.safe(node, value):
            return None
        return stripped

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
            elif isinstance(child.value, str):
                self.problem(child, f"an entry of '{key}' is empty")
            else:
                self.problem(child, f"each of '{key}' must be text, not {child.kind}")
        return out
