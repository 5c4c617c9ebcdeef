"""Notes in the app's search: "Note" results merged into the search dock's results.

The search index holds the dossiers, not the notes: the notes are searched where they
live (a scan of the notes database, see :func:`match_notes`, with the words the
dossier's text is searched with) on the GUI thread when the dossier results arrive,
and put first in their section's group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.core import anchors
from dossier.core.notes.queries import match_notes, place_label
from dossier.core.search import MARK_END, MARK_START, SearchResult, SearchResults

if TYPE_CHECKING:
    from dossier.core.notes import Placement
    from dossier.core.search import Query
    from dossier.ui.annotate import Annotator

KIND = "note"
LABEL = "Note"
SNIPPET = 160


def _snippet(text: str, query: Query) -> str:
    """``text`` cut to a snippet around the first word the query found, those words
    between marks."""
    flat = " ".join(text.split())
    spans = query.spans(flat)
    if not spans:
        return flat[:SNIPPET] + ("…" if len(flat) > SNIPPET else "")
    start = max(0, spans[0][0] - SNIPPET // 3)
    end = min(len(flat), spans[0][1] + SNIPPET)
    parts = ["…" if start else ""]
    at = start
    for first, last in spans:
        if first < at or last > end:
            continue
        parts += [flat[at:first], MARK_START, flat[first:last], MARK_END]
        at = last
    parts.append(flat[at:end])
    return "".join(parts)


def _anchor(p: Placement) -> str | None:
    if p.source is not None:
        return anchors.paragraph(p.source, p.paragraph) if p.paragraph else anchors.source(p.source)
    if p.anchor is not None:
        return p.anchor
    return anchors.section(p.section) if p.section else None


def with_notes(annotator: Annotator, found: SearchResults) -> SearchResults:
    """``found`` with the notes that match its words first, as "Note" results."""
    store = annotator.opened.store
    if store is None or found.query.empty:
        return found
    notes: list[SearchResult] = []
    for dossier in annotator.dossiers():
        for placement in match_notes(store, dossier, found.query):
            where = _anchor(placement)
            if placement.orphan or where is None:
                continue
            a = placement.annotation
            quote = a.target.quote.exact if a.target.quote else ""
            shown = a.body or quote or place_label(placement, dossier)
            section = dossier.section(placement.section) if placement.section else None
            notes.append(SearchResult(
                dossier_id=dossier.id, dossier_title=dossier.title,
                section_id=placement.section, section_title=section.title if section else None,
                kind=KIND, anchor=where, text=shown, snippet=_snippet(shown, found.query),
                score=float("inf"), source_id=placement.source, paragraph=placement.paragraph,
            ))  # fmt: skip
    if not notes:
        return found
    results = (*notes, *found.results)
    return SearchResults(found.query, results, found.total + len(notes), found.capped)
