"""Check a dossier's classification markings: what one may be written with, which are
declared, and which items are marked above the dossier's own classification.

A marking is printed on every page of a briefing, so it is held to a stricter alphabet
than other text, and an item's marking must be one the dossier declared.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dossier.core.errors import Problem
from dossier.core.loader.checks import Checker
from dossier.core.loader.schema import MARK
from dossier.core.markings import rank, short_mark
from dossier.core.text import describe
from dossier.core.yamlsafe import Node

MAX_MARKING = 64  # characters of a classification marking
_MARKING_EXTRA = frozenset("0123456789 /-")  # besides letters


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
                f"character {index + 1} is {describe(character)}"
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


class Markings:
    """The markings a dossier declares, and each portion marking its items carry."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.declared: tuple[str, ...] = ()
        self.marked: list[tuple[str, Node]] = []  # each portion marking and where it is

    def safe_marking(self, values: dict[str, Node]) -> str | None:
        """A ``classification`` in the safe alphabet markings are limited to."""
        node = values.get(MARK)
        if node is None or not isinstance(node.value, str):
            return self.check.text(values, MARK)
        wrong = marking_problem(node.value)
        if wrong is not None:
            self.check.problem(node, wrong)
            return None
        return self.check.text(values, MARK)

    def declare(self, top: dict[str, Node]) -> None:
        """Read the declared markings, lowest first, before any item names one."""
        self.declared = tuple(self.check.text_list(top, "markings"))
        shorts: dict[str, str] = {}
        for marking in self.declared:
            mark = short_mark(marking)
            if mark in shorts:
                self.check.problem(
                    top["markings"],
                    f"the markings '{shorts[mark]}' and '{marking}' share the mark ({mark})",
                )
            shorts[mark] = marking

    def marking(self, values: dict[str, Node]) -> str | None:
        """An item's or section's portion marking, which must be a declared one."""
        text = self.safe_marking(values)
        if text is None:
            return None
        node = values[MARK]
        if rank(self.declared, text) < 0:
            declared = ", ".join(self.declared) or "none; add 'markings: [..]' to the dossier"
            self.check.problem(
                node, f"the marking '{text}' is not a declared one (declared: {declared})"
            )
            return None
        self.marked.append((text, node))
        return self.declared[rank(self.declared, text)]

    def fields(self, top: dict[str, Node], classification: str) -> dict[str, Any]:
        """The dossier's markings, handling caveat, and a warning for each item marked
        above the dossier's own classification (export then needs it given)."""
        if MARK in top and self.declared and rank(self.declared, classification) < 0:
            self.check.problem(
                top[MARK],
                f"the classification '{classification}' is not one of the declared markings "
                f"({', '.join(self.declared)})",
            )
        own = rank(self.declared, classification)
        warnings = tuple(
            Problem(
                self.check.path,
                f"warning: marked {text}, above the dossier's classification "
                f"{classification}; the export needs --classification",
                node.line,
                node.column,
            )
            for text, node in self.marked
            if rank(self.declared, text) > own
        )
        return {
            "markings": self.declared,
            "handling": self.check.text(top, "handling"),
            "warnings": warnings,
        }
