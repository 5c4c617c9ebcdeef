"""The links and marks inside content: ¶ citation markers, links to places in the
dossier, tooltips, and the portion marks printed before a marked item.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.html.pieces import SCREEN, RenderOptions, esc
from dossier.core.model import Citation


def merged_cites(cites: Iterable[Citation]) -> list[Citation]:
    """An item's citations with those in the same paragraph merged into one span.

    Two passages of one paragraph show one marker, whose link highlights both; the
    markers read in paragraph order (¶ 16 ¶ 30), as a reader scans a source.
    """
    merged: dict[tuple[str, int], Citation] = {}
    for c in cites:
        key = (c.source_id, c.paragraph)
        seen = merged.get(key)
        if seen is None:
            merged[key] = c
        else:
            merged[key] = Citation(
                c.source_id,
                f"{seen.quote} … {c.quote}",
                c.paragraph,
                min(seen.start, c.start),
                max(seen.end, c.end),
            )
    return sorted(merged.values(), key=lambda c: (c.source_id, c.paragraph))


def place_link(name: str, text_html: str, css_class: str = "") -> str:
    """``text_html`` as a link to a place in the same dossier (its anchor ``name``)."""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<a{klass} href="{esc(anchors.go_href(name))}">{text_html}</a>'


def tooltip(text: str) -> str:
    """Plain text as a tooltip: Qt guesses whether a tooltip is HTML, so it is always
    given as HTML, with the text escaped, and shows literally whatever the text holds."""
    return f"<p>{esc(text)}</p>"


def cite_links(cites: Iterable[Citation], options: RenderOptions = SCREEN) -> str:
    """The ¶ markers of an item, each a link to its passage unless ``options`` say no
    links (on paper a ``cite:`` link means nothing); empty when uncited."""

    def href(citation: Citation) -> str:
        return f' href="{esc(anchors.cite_href(citation))}"' if options.links else ""

    links = [
        f'<a class="{S.CITE}"{href(c)} title="{esc(tooltip(c.quote))}">{esc(c.marker)}</a>'
        for c in merged_cites(cites)
    ]
    if not links:
        return ""
    return f'<span class="{S.CITES}">\u00a0' + "\u2002".join(links) + "</span>"


def portion_mark(name: str, options: RenderOptions) -> str:
    """The portion mark of the item ``name`` and a space, when marks are printed."""
    mark = options.marks.get(name)
    return f'<span class="{S.PORTION}">{esc(mark)}</span>\u00a0' if mark else ""
