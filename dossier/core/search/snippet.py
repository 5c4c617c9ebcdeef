"""Snippets: the part of a result's text around its matches, matched words marked.

A snippet marks each matched word with ``MARK_START`` and ``MARK_END`` (two control
characters that cannot occur in dossier text: they are removed from it first). The
command line turns them into ``[brackets]`` or bold; the viewer HTML-escapes the text
and then turns them into ``<b>`` (see :func:`to_html`), so dossier text can never
inject markup.
"""

from __future__ import annotations

from dossier.core.search.query import Query

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
DEFAULT_WIDTH = 180  # characters of text around the matches


def make_snippet(text: str, query: Query, width: int = DEFAULT_WIDTH) -> str:
    """``text`` (cut to about ``width`` characters around the matches), matches marked."""
    text = " ".join(text.replace(MARK_START, "").replace(MARK_END, "").split())
    spans = query.spans(text)
    start, stop = _window(text, spans, width)
    out: list[str] = [ELLIPSIS] if start > 0 else []
    cursor = start
    for left, right in spans:
        if left < start or right > stop:
            continue
        out.append(text[cursor:left])
        out.append(f"{MARK_START}{text[left:right]}{MARK_END}")
        cursor = right
    out.append(text[cursor:stop])
    if stop < len(text):
        out.append(ELLIPSIS)
    return "".join(out)


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The start and end of the stretch of ``text`` to show."""
    if len(text) <= width:
        return 0, len(text)
    start = 0
    if spans:
        # Open a little before the match with the most other matches after it.
        def following(i: int) -> int:
            return sum(1 for s in spans if spans[i][0] <= s[0] < spans[i][0] + width)

        anchor = spans[max(range(min(len(spans), 16)), key=following)][0]
        start = max(0, anchor - width // 4)
        space = text.find(" ", start, anchor)
        if start > 0 and space >= 0:
            start = space + 1
    stop = min(len(text), start + width)
    if stop < len(text):
        space = text.rfind(" ", start, stop)
        if space > start + width // 2:
            stop = space
    return start, stop


def to_plain(snippet: str, start: str = "[", end: str = "]") -> str:
    """The snippet with its marks replaced by ``start`` and ``end`` (for a terminal)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def to_html(snippet: str, start: str = "<b>", end: str = "</b>") -> str:
    """The snippet as safe HTML: text escaped, marked words wrapped in ``start``/``end``."""
    import html  # the viewer's; the command line prints plain text

    escaped = html.escape(snippet, quote=True)
    return escaped.replace(MARK_START, start).replace(MARK_END, end)
