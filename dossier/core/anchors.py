"""Every anchor, link and tab id, built and parsed here and nowhere else (Qt-free).

Anchors name places in the rendered pages; search results, the viewer and the
briefing point at them:

- an item: ``politics/point/3`` (section id, kind, 1-based position);
- the top of a section: ``section/politics``;
- the top of a source: ``source:interview``; a source paragraph: ``source:interview/26``;
- the dossier's title and summary: ``overview``.

A citation marker links to ``cite:interview:26:10:57`` (source id, paragraph, start and
end character offsets into the paragraph's text); a link to a place in the same dossier
(a section named in the overview, a headline figure) is ``go:`` and the place's anchor,
``go:section/politics``. Neither scheme means anything outside the viewer.

The viewer's tabs are ``overview``, a section id, ``pictures`` and ``source:ID`` (a
source's tab id is the anchor at the top of its page).
"""

from __future__ import annotations

from collections.abc import Collection

from dossier.core.records import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.core.model import Citation

OVERVIEW = "overview"  # the overview tab, and the anchor of the dossier's own summary
PICTURES = "pictures"  # the tab of the timeline, map, relations and figures charts
SECTION_PREFIX = "section/"
SOURCE_PREFIX = "source:"
CITE_SCHEME = "cite"
GO_SCHEME = "go"


def item(section_id: str, kind: str, position: int) -> str:
    """The anchor of the ``position``-th (1-based) item of ``kind`` in a section."""
    return f"{section_id}/{kind}/{position}"


def section(section_id: str) -> str:
    """The anchor at the top of a section."""
    return f"{SECTION_PREFIX}{section_id}"


def source(source_id: str) -> str:
    """The anchor at the top of a source's page, which is also its tab id."""
    return f"{SOURCE_PREFIX}{source_id}"


def paragraph(source_id: str, number: int) -> str:
    """The anchor of a source paragraph."""
    return f"{source(source_id)}/{number}"


def section_of(anchor: str) -> str:
    """The section id an item anchor belongs to."""
    return anchor.split("/", 1)[0]


def is_source_tab(tab_id: str) -> bool:
    """Whether a tab id is a source's."""
    return tab_id.startswith(SOURCE_PREFIX)


def tab_of(anchor: str, section_ids: Collection[str]) -> str:
    """The tab an anchor is shown on: a source's, a section's, or the overview when
    the anchor names no section of ``section_ids``."""
    if anchor.startswith(SOURCE_PREFIX):
        return anchor.split("/", 1)[0]
    if anchor.startswith(SECTION_PREFIX):
        tab = anchor.removeprefix(SECTION_PREFIX)
    else:
        tab = section_of(anchor)
    return tab if tab in section_ids else OVERVIEW


def cite_href(citation: Citation) -> str:
    """The link a citation marker points to."""
    return (
        f"{CITE_SCHEME}:{citation.source_id}:{citation.paragraph}:{citation.start}:{citation.end}"
    )


def is_cite_href(href: str) -> bool:
    """Whether a link is a citation marker's (whether or not it parses)."""
    return href.startswith(f"{CITE_SCHEME}:")


def parse_cite_href(href: str) -> tuple[str, int, int, int] | None:
    """``(source_id, paragraph, start, end)`` from a citation link; None if it is not one."""
    parts = href.split(":")
    if len(parts) != 5 or parts[0] != CITE_SCHEME:
        return None
    try:
        number, start, end = (int(part) for part in parts[2:])
    except ValueError:
        return None
    return parts[1], number, start, end


def go_href(anchor: str) -> str:
    """The link to a place in the same dossier (a section, an item, a source paragraph)."""
    return f"{GO_SCHEME}:{anchor}"


def parse_go_href(href: str) -> str | None:
    """The anchor a ``go:`` link points to; None if the link is not one."""
    scheme, colon, anchor = href.partition(":")
    if scheme != GO_SCHEME or not colon or not anchor or any(c.isspace() for c in anchor):
        return None
    return anchor
