"""Notes in the app's search: "Note" results merged into the search dock's results.

The search index holds the dossiers, not the notes: the notes are searched where they
live (a scan of the notes database, see :meth:`NotesStore.search`) on the GUI thread
when the dossier results arrive, and put first in their section's group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.core import anchors
from dossier.core.notes.queries import place_label, search_notes
from dossier.core.search import MARK_END, MARK_START, SearchResult, SearchResults
from dossier.core.search.fold import fold

if TYPE_CHECKING:
    from dossier.core.notes import Placement
    from dossier.ui.annotate import Annotator

KIND = "note"
LABEL = "Note"
SNIPPET = 160


def _snippet(text: str, needle: str) -> str:
    """``text`` cut to a snippet around the first match, the match between marks."""
    flat = " ".join(text.split())
    folded = fold(flat)
    at = folded.find(needle) if needle and len(folded) == len(flat) else -1
    if at < 0:
        return flat[:SNIPPET] + ("…" if len(flat) > SNIPPET else "")
    start = max(0, at - SNIPPET // 3)
    end = at + len(needle)
    head = "…" if start else ""
    tail = flat[end : end + SNIPPET]
    return f"{head}{flat[start:at]}{MARK_START}{flat[at:end]}{MARK_END}{tail}"


def _anchor(p: Placement) -> str | None:
    if p.source is not None:
        return anchors.paragraph(p.source, p.paragraph) if p.paragraph else anchors.source(p.source)
    if p.anchor is not None:
        return p.anchor
    return anchors.section(p.section) if p.section else None


def with_notes(annotator: Annotator, found: SearchResults) -> SearchResults:
    """``found`` with the notes that match its words first, as "Note" results."""
    store = annotator.opened.store
    text = found.query.text.strip()
    if store is None or found.query.empty or not text:
        return found
    needle = fold(" ".join(text.replace("\u201c", " ").replace("\u201d", " ").split()))
    notes: list[SearchResult] = []
    for dossier in annotator.dossiers():
        for placement in search_notes(store, dossier, text):
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
                kind=KIND, anchor=where, text=shown, snippet=_snippet(shown, needle),
                score=float("inf"), source_id=placement.source, paragraph=placement.paragraph,
            ))  # fmt: skip
    if not notes:
        return found
    results = (*notes, *found.results)
    return SearchResults(found.query, results, found.total + len(notes), found.capped)
