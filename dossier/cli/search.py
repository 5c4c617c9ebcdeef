"""``dossier search QUERY [--dossier PATH|DIR] [--limit N] [--json] [--notes] [--forget]``.

Searches the bundled dossier, a dossier file, or every dossier in a folder (invalid
ones are reported on stderr as warnings and skipped; the valid ones are searched).
At most ``limit`` results are printed, and never more than
:data:`dossier.core.search.index.MAX_LIMIT` (10,000), whatever ``limit`` says.

Dossier and source text is untrusted: control characters in it are printed as
``\\xNN`` (:func:`dossier.core.text.printable`), never sent to the terminal; in JSON
they are ``\\u00NN`` escapes.

Output: ranked results for a reader, matched words in ``[brackets]`` (or in bold when
stdout is a terminal and NO_COLOR is unset); or with ``--json`` an array of objects
(``dossier``, ``dossier_title``, ``section``, ``section_title``, ``kind``, ``anchor``,
``text``, ``snippet`` with matched words in brackets, ``score`` (higher is better),
``source`` and ``paragraph``: the cited source paragraph, or null).

With ``--notes``, the user's notes that hold every word of the query follow the
dossier's results: in the text, as a block of their own ("2 notes for 'x'", each with
its place); in JSON, as objects of ``kind`` "note" after the others, with ``score``
null and a ``note`` object (``id``, ``kind``, ``status``, ``place``, ``exact``,
``body``, ``colour``, ``tags``, ``author``). After, not interleaved: a note's match is
a substring test, not a BM25 score, so the two cannot be ranked against each other,
and the dossier's results keep the ranks they have without ``--notes``. At most
``limit`` notes are printed too.

``--forget`` deletes the search cache first and says so in one line on stderr (with
no QUERY, that is all it does). When the cache cannot be used (a full disk, an
unwritable folder) the search runs from memory and one warning line says why. A
first index of many files shows its progress on stderr when that is a terminal.

Exit status: 0 when the search ran, with or without results ("no results for 'x'"
goes to stderr; ``--json`` prints ``[]``); 1 when no dossier could be searched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dossier.cli.common import EXIT_OK
from dossier.core.resources import bundled_dossier
from dossier.core.search import (
    MARK_END,
    MARK_START,
    LibraryIndex,
    Query,
    SearchResult,
    SearchResults,
    forget,
    make_snippet,
    open_library,
    to_plain,
)
from dossier.core.text import printable

if TYPE_CHECKING:  # the notes are imported only for --notes
    from dossier.cli.quick import SearchArguments
    from dossier.core.model import Dossier
    from dossier.core.notes.anchoring import Placement

BOLD, RESET = "\x1b[1m", "\x1b[0m"
# json.dumps escapes C0 controls; with ensure_ascii=False it leaves DEL and the C1
# controls (U+0080-U+009F, CSI among them) raw, which a terminal may obey.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def run(arguments: SearchArguments) -> int:
    """``dossier search`` as asked: forget the cache first (``--forget``), then search
    (unless there is no QUERY); return the exit status."""
    if arguments.forget:
        run_forget()
    if arguments.query is None:  # only with --forget: both readers want one otherwise
        return EXIT_OK
    return run_search(
        arguments.query,
        arguments.dossier,
        arguments.limit,
        as_json=arguments.json,
        notes=arguments.notes,
        trusted=arguments.trust,
    )


def run_search(
    query: str,
    dossier_path: Path | None,
    limit: int,
    *,
    as_json: bool = False,
    notes: bool = False,
    trusted: Sequence[Path] = (),
) -> int:
    """Search and print; return the exit status. DossierError propagates (exit 1), and so
    does UserError for a notes database that cannot be read (with ``notes``).
    ``trusted``: folders the dossiers may read sources from (``--trust``)."""
    path = dossier_path or bundled_dossier()
    meter = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        library = open_library(path, workers=os.cpu_count() or 1, progress=meter, trusted=trusted)
    finally:
        if meter is not None:
            meter.done()
    if library.index.notice:
        sys.stderr.write(f"dossier: warning: {printable(library.index.notice)}\n")
    for _, problems in library.failures:
        for problem in problems:
            sys.stderr.write(f"dossier: warning: skipped: {printable(str(problem))}\n")
    try:
        found = library.index.search(query, limit=limit)
    finally:
        library.index.close()
    several = len({entry.dossier_id for entry in library.dossiers}) > 1
    hits = _note_hits(path, library, found.query, trusted) if notes else []
    if as_json:
        import json

        items = [_as_json(result) for result in found.results]
        items += [hit.as_json(found.query) for hit in hits[:limit]]
        text = json.dumps(items, indent=2, ensure_ascii=False)
        sys.stdout.write(text.translate(_JSON_CONTROLS) + "\n")
        return EXIT_OK
    if not found.results and not hits:
        what = "no words to search for in" if found.query.empty else "no results for"
        sys.stderr.write(f"dossier: {what} {printable(repr(query))}\n")
        return EXIT_OK
    if found.results:
        _print_results(found, several, sys.stdout)
    if hits:
        _print_notes(hits, found.query, limit, several, sys.stdout)
    return EXIT_OK


def run_forget() -> int:
    """Delete the search cache; say in one line what went."""
    folder, files, size = forget()
    where = printable(str(folder))
    if files:
        sys.stderr.write(f"dossier: removed the search cache {where} ({files} files, "
                         f"{size / 1e6:.1f} MB)\n")  # fmt: skip
    else:
        sys.stderr.write(f"dossier: no search cache to remove in {where}\n")
    return EXIT_OK


class _Progress:
    """A progress line on a terminal while files are loaded for the index."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._shown = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if total < 2 or percent == self._shown:
            return
        self._shown = percent
        self._drawn = True
        self._out.write(f"\rdossier: indexing {done:,} of {total:,} dossiers ({percent}%)")
        self._out.flush()

    def done(self) -> None:
        if self._drawn:
            self._out.write("\r\x1b[K")  # the line is cleared: results follow
            self._out.flush()


def _as_json(result: SearchResult) -> dict[str, Any]:
    return {
        "dossier": result.dossier_id,
        "dossier_title": result.dossier_title,
        "section": result.section_id,
        "section_title": result.section_title,
        "kind": result.kind,
        "anchor": result.anchor,
        "text": result.text,
        "snippet": to_plain(result.snippet),
        "score": result.score,
        "source": result.source_id,
        "paragraph": result.paragraph,
    }


def _print_results(found: SearchResults, several: bool, out: TextIO) -> None:
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    start, end = (BOLD, RESET) if bold else ("[", "]")
    shown = len(found.results)
    total = f"{found.total:,}{'+' if found.capped else ''}"
    plural = "" if found.total == 1 else "s"
    header = f"{total} result{plural} for {printable(repr(found.query.text))}"
    if shown < found.total:
        header += f" (best {shown} shown)"
    out.write(header + "\n")
    for rank, result in enumerate(found.results, start=1):
        place = [result.dossier_title] if several else []
        place.append(
            result.section_title or ("Source" if result.kind == "paragraph" else "Overview")
        )
        line = f"{rank:>3}. {' › '.join(place)} · {result.kind}"
        if result.marker:
            line += f" · {result.marker}"
        out.write(printable(f"{line}  ({result.anchor})") + "\n")
        out.write(f"     {_printable_snippet(result.snippet, start, end)}\n")


def _printable_snippet(snippet: str, start: str, end: str) -> str:
    """The snippet made printable, its marks (control characters) replaced after."""
    return start.join(
        end.join(printable(part) for part in piece.split(MARK_END))
        for piece in snippet.split(MARK_START)
    )


# -- notes (--notes) -----------------------------------------------------------------------
@dataclass(frozen=True)
class _NoteHit:
    """A note that matched, placed on the dossier it belongs to."""

    placement: Placement
    dossier: Dossier

    @property
    def label(self) -> str:
        from dossier.core.notes.queries import place_label

        return place_label(self.placement, self.dossier)

    @property
    def text(self) -> str:
        a = self.placement.annotation
        quote = f"“{a.target.quote.exact}”" if a.target.quote is not None else ""
        tags = " ".join(f"#{tag}" for tag in a.tags)
        return " — ".join(part for part in (quote, a.body, tags) if part)

    @property
    def anchor(self) -> str | None:
        """The item anchor, ``source:ID/N`` or the section id; an orphan's old place."""
        p = self.placement
        if p.orphan:
            from dossier.cli.notes import old_place

            return old_place(p)
        if p.anchor is not None:
            return p.anchor
        if p.source is not None:
            return f"source:{p.source}/{p.paragraph}" if p.paragraph else f"source:{p.source}"
        return p.section

    @property
    def cited(self) -> tuple[str | None, int | None]:
        """The source paragraph: the note's own, or the item's first citation."""
        p = self.placement
        if p.source is not None or p.orphan or p.anchor is None:
            return p.source, p.paragraph
        cites = self.dossier.item(p.anchor).cites
        return (cites[0].source_id, cites[0].paragraph) if cites else (None, None)

    def as_json(self, query: Query) -> dict[str, Any]:
        p, a = self.placement, self.placement.annotation
        section_title = None
        if p.section is not None and not p.orphan:
            section_title = self.dossier.section(p.section).title
        source, paragraph = self.cited
        return {
            "dossier": self.dossier.id,
            "dossier_title": self.dossier.title,
            "section": p.section,
            "section_title": section_title,
            "kind": "note",
            "anchor": self.anchor,
            "text": a.body or (a.target.quote.exact if a.target.quote else ""),
            "snippet": to_plain(make_snippet(self.text, query)),
            "score": None,
            "source": source,
            "paragraph": paragraph,
            "note": {
                "id": a.id,
                "kind": a.kind,
                "status": p.status,
                "place": self.label,
                "exact": a.target.quote.exact if a.target.quote else None,
                "body": a.body,
                "colour": a.colour,
                "tags": list(a.tags),
                "author": a.author,
            },
        }


def _note_hits(
    path: Path, library: LibraryIndex, query: Query, trusted: Sequence[Path]
) -> list[_NoteHit]:
    """The user's notes on the searched dossiers that match ``query``, in reading order.

    Only dossiers that have notes are loaded (placing a note needs the dossier's text).
    """
    from dossier.cli.notes import read_store
    from dossier.core.library import load_library
    from dossier.core.notes.queries import match_notes

    if query.empty:
        return []
    store = read_store()
    if store is None:
        return []
    with store:
        wanted = set(store.dossier_ids()) & {entry.dossier_id for entry in library.dossiers}
        if not wanted:
            return []
        hits: list[_NoteHit] = []
        for dossier in load_library(path, trusted).dossiers:  # its failures were warned of already
            if dossier.id in wanted:
                hits += [_NoteHit(p, dossier) for p in match_notes(store, dossier, query)]
    return hits


def _print_notes(
    hits: list[_NoteHit], query: Query, limit: int, several: bool, out: TextIO
) -> None:
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    start, end = (BOLD, RESET) if bold else ("[", "]")
    shown = hits[:limit]
    plural = "" if len(hits) == 1 else "s"
    header = f"{len(hits):,} note{plural} for {printable(repr(query.text))}"
    if len(shown) < len(hits):
        header += f" (first {len(shown)} shown)"
    out.write(header + "\n")
    for rank, hit in enumerate(shown, start=1):
        a = hit.placement.annotation
        place = [hit.dossier.title] if several else []
        place.append(hit.label)
        line = f"{rank:>3}. {' › '.join(place)} · note"
        if a.kind != "note":
            line += f" ({a.kind})"
        if a.colour:
            line += f" · {a.colour}"
        if hit.cited[1] is not None:
            line += f" · ¶\u00a0{hit.cited[1]}"
        out.write(printable(f"{line}  ({hit.anchor})") + "\n")
        snippet = make_snippet(hit.text, query)
        out.write(f"     {_printable_snippet(snippet, start, end)}\n")
