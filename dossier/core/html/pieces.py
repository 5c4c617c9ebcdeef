"""The render options and the small pieces every renderer builds with.

What a medium needs (:class:`RenderOptions`), escaping, named anchors, headings,
summaries, paper column widths, two-column tables and the classification banner.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dossier.core import styles as S
from dossier.core.model import Dossier


@dataclass(frozen=True)
class RenderOptions:
    """What a medium needs of the content: the viewer's tabs (the default) or paper."""

    banner: bool = True  # the classification banner on top (a printed page carries its own)
    links: bool = True  # citation markers link to their passage
    paper: bool = False  # tables carry the column widths paper gives them (styles.PAPER_COLUMNS)
    # Portion marks: an item's (or a section's) anchor -> its mark, "(R)"; empty = none.
    marks: Mapping[str, str] = field(default_factory=dict, hash=False)


SCREEN = RenderOptions()
# The printed briefing: each page carries the classification; links only for a PDF.
PAPER = RenderOptions(banner=False, links=False, paper=True)


def esc(text: str) -> str:
    """Escape dossier text for HTML content and attribute values."""
    return html.escape(text, quote=True)


def anchor(name: str) -> str:
    """An empty named anchor (Qt attaches it to the text that follows)."""
    return f'<a name="{esc(name)}"></a>'


def heading(text: str, level: int = 2, css_class: str = "", name: str = "") -> str:
    """A heading; ``css_class`` is added to the element when given, and the anchor
    ``name`` inside it (Qt drops an empty anchor that stands before a heading)."""
    klass = f' class="{css_class}"' if css_class else ""
    named = anchor(name) if name else ""
    return f"<h{level}{klass}>{named}{esc(text)}</h{level}>"


def summary_html(text: str, css_class: str = S.SUMMARY, *, mark: str = "") -> str:
    """A summary paragraph (the dossier's bottom line, or a section's), after its
    portion mark when one is printed (HTML from :func:`portion_mark`)."""
    return f'<p class="{css_class}">{mark}{esc(text)}</p>'


def column_width(table: str, column: int, options: RenderOptions) -> str:
    """The ``width`` attribute of a cell in ``column`` of a ``table`` (its class), on
    paper; empty on screen, where Qt shares the width out by content."""
    widths = S.PAPER_COLUMNS.get(table) if options.paper else None
    return f' width="{widths[column]}%"' if widths else ""


def banner_html(dossier: Dossier, options: RenderOptions = SCREEN) -> str:
    """The classification banner; empty when ``options`` say the medium has its own."""
    return f'<p class="{S.BANNER}">{esc(dossier.classification)}</p>' if options.banner else ""


def key_value_table(
    table: str, rows: Iterable[tuple[str, str]], options: RenderOptions = SCREEN
) -> str:
    """A small two-column table of ``table``'s class: a key, then its value."""
    key, value = (column_width(table, column, options) for column in range(2))
    body = "".join(
        f'<tr><td class="{S.KEY}"{key}>{esc(k)}</td><td class="{S.VAL}"{value}>{esc(v)}</td></tr>'
        for k, v in rows
    )
    return (
        f'<table class="{table}" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{body}</tbody></table>"
    )
