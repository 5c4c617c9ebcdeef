"""How a search is printed: a result's snippet with its matched words in ``[brackets]``,
or in bold on a terminal (unless NO_COLOR is set), the rest made printable; the query
quoted back, cut short."""

from __future__ import annotations

import os

from dossier.core.records import TYPE_CHECKING
from dossier.core.search.snippet import MARK_END, MARK_START
from dossier.core.text import printable

if TYPE_CHECKING:
    from typing import TextIO

BOLD, RESET = "\x1b[1m", "\x1b[0m"
QUOTED_QUERY = 80  # characters of a query quoted back in a message


def quoted(query: str) -> str:
    """``query`` quoted back in one line: a pasted page of text is cut, with "…"."""
    if len(query) > QUOTED_QUERY:
        query = query[: QUOTED_QUERY - 1] + "…"
    return printable(repr(query))


def marks(out: TextIO) -> tuple[str, str]:
    """What to print around a matched word on ``out``."""
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    return (BOLD, RESET) if bold else ("[", "]")


def printable_snippet(snippet: str, start: str, end: str) -> str:
    """The snippet made printable, its marks (control characters) replaced after."""
    return start.join(
        end.join(printable(part) for part in piece.split(MARK_END))
        for piece in snippet.split(MARK_START)
    )
