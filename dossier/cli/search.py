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
goes to stderr; ``--json`` prints ``[]``, and on stderr the reason when it is a
``section:`` no dossier searched has); 1 when no dossier could be searched, or
when the query holds no word to look for (``'"'``, ``'--'``): that is a mistake to
correct, not an empty answer, so a script does not take it for "nothing found".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from dossier.cli.common import EXIT_OK, UserError
from dossier.cli.snippets import marks, printable_snippet, quoted
from dossier.core.records import TYPE_CHECKING
from dossier.core.resources import bundled_dossier_file
from dossier.core.search import (
    SearchResult,
    SearchResults,
    forget,
    open_library,
    parse_query,
    removed_text,
    to_plain,
)
from dossier.core.text import printable

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, TextIO

    from dossier.cli.quick import SearchArguments
    from dossier.cli.search_notes import NoteHit

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
    dossier_path: Path | str | None,
    limit: int,
    *,
    as_json: bool = False,
    notes: bool = False,
    trusted: Sequence[Path | str] = (),
) -> int:
    """Search and print; return the exit status. DossierError propagates (exit 1), and so
    does UserError for a notes database that cannot be read (with ``notes``).
    ``trusted``: folders the dossiers may read sources from (``--trust``)."""
    parsed = parse_query(query)
    if parsed.empty:  # before the index: nothing to open it for
        why = (
            f"section:{parsed.section} only narrows a search; add the words to look for"
            if parsed.section is not None
            else "a query needs at least one letter or digit"
        )
        raise UserError(f"no words to search for in {quoted(query)}: {why}")
    path = dossier_path or bundled_dossier_file()
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
    hits: list[NoteHit] = []
    if notes:  # the notes' modules are imported only for --notes
        from pathlib import Path

        from dossier.cli.search_notes import note_hits

        hits = note_hits(Path(path), library, found.query, [Path(f) for f in trusted])
    if as_json:
        import json

        items = [_as_json(result) for result in found.results]
        items += [hit.as_json(found.query) for hit in hits[:limit]]
        text = json.dumps(items, indent=2, ensure_ascii=False)
        sys.stdout.write(text.translate(_JSON_CONTROLS) + "\n")
        if not items and found.no_section:  # a script reads [] as "none"; a person, why
            sys.stderr.write(_no_results(query, found, len(library.dossiers)))
        return EXIT_OK
    if not found.results and not hits:
        sys.stderr.write(_no_results(query, found, len(library.dossiers)))
        return EXIT_OK
    if found.results:
        _print_results(found, several, sys.stdout)
    if hits:
        from dossier.cli.search_notes import print_notes

        print_notes(hits, found.query, limit, several, sys.stdout)
    return EXIT_OK


def _no_results(query: str, found: SearchResults, dossiers: int) -> str:
    """The stderr line for an empty answer, naming a missing section as its reason."""
    why = ""
    if found.no_section:
        searched = "the dossier searched" if dossiers == 1 else "any dossier"
        why = f": there is no section {quoted(found.query.section or '')} in {searched}"
    return f"dossier: no results for {quoted(query)}{why}\n"


def run_forget() -> int:
    """Delete the search cache; say in one line what went."""
    try:
        folder, files, size = forget()
    except OSError as error:  # a read-only cache folder: the files stay
        where = printable(str(error.filename))
        raise UserError(f"cannot remove the search cache in {where}: {error.strerror}") from None
    where = printable(str(folder))
    if files:
        sys.stderr.write(
            f"dossier: removed the search cache {where} ({removed_text(files, size)})\n"
        )
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
    start, end = marks(out)
    shown = len(found.results)
    total = f"{found.total:,}{'+' if found.capped else ''}"
    plural = "" if found.total == 1 else "s"
    header = f"{total} result{plural} for {quoted(found.query.text)}"
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
        out.write(f"     {printable_snippet(result.snippet, start, end)}\n")
