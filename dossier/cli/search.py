"""``dossier search QUERY [--dossier PATH|DIR] [--limit N] [--json]``.

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

Exit status: 0 when the search ran, with or without results ("no results for 'x'"
goes to stderr; ``--json`` prints ``[]``); 1 when no dossier could be searched.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from dossier.cli.common import EXIT_OK
from dossier.core.resources import bundled_dossier
from dossier.core.search import (
    MARK_END,
    MARK_START,
    SearchResult,
    SearchResults,
    open_library,
    to_plain,
)
from dossier.core.text import printable

BOLD, RESET = "\x1b[1m", "\x1b[0m"
# json.dumps escapes C0 controls; with ensure_ascii=False it leaves DEL and the C1
# controls (U+0080-U+009F, CSI among them) raw, which a terminal may obey.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def run_search(query: str, dossier_path: Path | None, limit: int, as_json: bool = False) -> int:
    """Search and print; return the exit status. DossierError propagates (exit 1)."""
    path = dossier_path or bundled_dossier()
    library = open_library(path, workers=os.cpu_count() or 1)
    for _, problems in library.failures:
        for problem in problems:
            sys.stderr.write(f"dossier: warning: skipped: {printable(str(problem))}\n")
    try:
        found = library.index.search(query, limit=limit)
    finally:
        library.index.close()
    if as_json:
        text = json.dumps([_as_json(result) for result in found.results], indent=2,
                          ensure_ascii=False)  # fmt: skip
        sys.stdout.write(text.translate(_JSON_CONTROLS) + "\n")
        return EXIT_OK
    if not found.results:
        what = "no words to search for in" if found.query.empty else "no results for"
        sys.stderr.write(f"dossier: {what} {printable(repr(query))}\n")
        return EXIT_OK
    several = len({entry.dossier_id for entry in library.dossiers}) > 1
    _print_results(found, several, sys.stdout)
    return EXIT_OK


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
