"""Resolve each citation and quote of a dossier to the passage of its source it names.

A citation is kept only when its words are found in the source; a miss is reported
with the closest passage, so a typo is easy to fix. The source text all citations
together may make the loader scan is bounded, so a hostile dossier cannot make
loading slow.
"""

from __future__ import annotations

from dossier.core.loader.checks import Checker
from dossier.core.loader.schema import CITE
from dossier.core.model import Citation, Source
from dossier.core.source import SearchBudget, SearchLimit
from dossier.core.text import normalise
from dossier.core.yamlsafe import Node

# Source text the citations of one dossier may make the loader scan. A large source is
# searched piece by piece after a few citations (SourceText.locate), so a thorough
# dossier needs a small part of it; scanning all of it takes well under a second.
MAX_SEARCH_CHARACTERS = 128 * 1024 * 1024
MAX_CLOSEST = 10  # misses per dossier shown with their closest passage


class Citations:
    """The dossier's sources, and the citations resolved against them."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.sources: dict[str, Source] = {}
        self.broken_sources: set[str] = set()  # named, but not readable: not cited again
        # Entries under 'sources', well formed or not: a dossier listing one source whose
        # id is refused still has one source, and its citations need not name it.
        self.declared = 0
        self.budget = SearchBudget(MAX_SEARCH_CHARACTERS)
        self.search_stopped = False
        self.closest_left = MAX_CLOSEST

    def source_ref(self, node: Node | None, owner: Node) -> str | None:
        """The source a citation names, or the only source when it names none."""
        if node is None:
            if self.declared <= 1:  # the only one (None when it was refused: said there)
                return next(iter(self.sources), None)
            self.check.problem(owner, "name the 'source' (the dossier has more than one)")
            return None
        if not isinstance(node.value, str):
            self.check.problem(node, f"'source' must be a source id, not {node.kind}")
            return None
        if node.value in self.broken_sources:
            return None
        if node.value not in self.sources:
            known = ", ".join(sorted(self.sources)) or "none"
            self.check.problem(node, f"unknown source '{node.value}' (known sources: {known})")
            return None
        return node.value

    def cites(self, values: dict[str, Node], owner: str) -> tuple[Citation, ...] | None:
        """The citations under ``cite``: one, or a list; None when any is wrong."""
        node = values.get("cite")
        if node is None:
            return None
        entries = node.value if isinstance(node.value, list) else [node]
        if not entries:
            self.check.problem(node, f"'cite' of {owner} is an empty list")
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
            if not node.value.strip():  # else: '"" is not in source', as if it were a quote
                self.check.problem(node, "the citation is empty: quote a passage of the source")
                return None
            if self.declared > 1:
                self.check.problem(
                    node,
                    "a bare citation needs a dossier with exactly one source; "
                    "write {source: ID, quote: ...}",
                )
                return None
            source_id = self.source_ref(None, node)
            if source_id is None or not self.check.safe(node, node.value):
                return None
            return self.resolve(source_id, node.value, node, owner)
        values = self.check.mapping(node, CITE)
        if values is None or "quote" not in values:
            return None
        source_id = self.source_ref(values.get("source"), node)
        quote = self.check.text(values, "quote")
        if source_id is None or quote is None:
            return None
        return self.resolve(source_id, quote, values["quote"], owner)

    def resolve(self, source_id: str, passage: str, node: Node, owner: str) -> Citation | None:
        """Where ``passage`` stands in the source, or None (and a problem) if nowhere."""
        if self.search_stopped:
            return None
        source = self.sources[source_id]
        try:
            match = source.text.locate(passage, self.budget)
        except SearchLimit:
            self.search_stopped = True
            self.check.problem(
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
        self.check.problem(node, message)
        return None
