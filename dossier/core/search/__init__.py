"""Full-text search over dossiers (SQLite FTS5), Qt-free.

Use :func:`open_library` for a dossier file or folder, or
:meth:`SearchIndex.for_dossiers` for dossiers already loaded; then
:meth:`SearchIndex.search`. Snippets mark matches with ``MARK_START``/``MARK_END``:
turn them into text with :func:`to_plain` or into safe HTML with :func:`to_html`.
"""

from __future__ import annotations

from dossier.core.search.index import (
    DEFAULT_LIMIT,
    SearchIndex,
    SearchResult,
    SearchResults,
)
from dossier.core.search.query import Query, parse_query
from dossier.core.search.scan import LibraryIndex, open_library
from dossier.core.search.snippet import MARK_END, MARK_START, make_snippet, to_html, to_plain
from dossier.core.search.store import cache_dir
from dossier.core.search.upkeep import forget, removed_text

__all__ = [
    "DEFAULT_LIMIT",
    "MARK_END",
    "MARK_START",
    "LibraryIndex",
    "Query",
    "SearchIndex",
    "SearchResult",
    "SearchResults",
    "cache_dir",
    "forget",
    "make_snippet",
    "open_library",
    "parse_query",
    "removed_text",
    "to_html",
    "to_plain",
]
