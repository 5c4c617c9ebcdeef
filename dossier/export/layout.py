"""The briefing's parts laid out on numbered pages: each part set as a document
(:mod:`dossier.export.textdoc`), its page breaks moved by the typesetter's rules
(:mod:`dossier.export.breaks`), a short part let onto the page before, and the table
of contents numbered in two passes.

Parts start on a new page, so each is a ``QTextDocument`` of its own: fixing a break in
one part never moves another, and a fix re-lays out only that part.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtGui import QTextDocument

from dossier.core.briefing.choices import BRIEF
from dossier.core.briefing.full import contents_html
from dossier.core.briefing.parts import (
    APPENDIX,
    BLUF,
    CONTENTS,
    COVER,
    SECTION,
    SOURCES,
    TIMELINE,
    WHOS_WHO,
    Part,
    part_anchor,
)
from dossier.core.briefing.plan import Briefing
from dossier.export.breaks import MIN_ROWS, RESCAN, Changes, fix_breaks, same_start
from dossier.export.fonts import Families, register_fonts
from dossier.export.picture_parts import (
    PagePainter,
    picture_parts,
    picture_place,
    small_timeline_place,
)
from dossier.export.style import BODY_PT, COMPACT_BODY_PT, PageGeometry, layout_dpi, px
from dossier.export.textdoc import (
    Item,
    Typesetter,
    anchor_block,
    block_anchors,
    dot_leaders,
    finish,
    lines_of,
    page_fill,
    top_items,
)

__all__ = ["MIN_ROWS", "BriefingLayout", "LayoutError", "PartLayout", "block_anchors", "lay_out"]

log = logging.getLogger("dossier.export")

MIN_FILL = 0.2  # no page but the cover, the contents and the last is emptier than this
TOP_SLACK = 40  # points: a part starting this near the top of a page heads that page
PART_GAP = 30  # points above a part that starts on the page another part ends on
# A part of these kinds may start on the last page of the one before, when that page
# would otherwise stand nearly empty: each is a reading unit with its own heading.
JOINS_AFTER = (BLUF, SECTION, TIMELINE, WHOS_WHO)
JOINS = (SECTION, TIMELINE, WHOS_WHO, SOURCES)


class LayoutError(ValueError):
    """The briefing cannot be laid out as asked (a brief longer than two pages)."""


@dataclass
class Start:
    """Where a part begins inside a laid-out run of parts."""

    part: Part
    page: int  # 0-based, within the run
    top: float  # points from the top of the text area


@dataclass
class PartLayout:
    """One run of pages laid out: its document and how many pages it fills.

    A run is usually one part; a short part may share a page with the one before, and
    then ``starts`` names each part of the run and where it begins.
    """

    part: Part
    document: QTextDocument
    pages: int
    first_page: int = 0  # 0-based page index of its first page in the briefing
    fixes: int = 0  # how many breaks were moved
    starts: list[Start] = field(default_factory=list)
    leaders: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1 (px)
    items: list[Item] = field(default_factory=list)  # the document's top blocks and tables
    changes: Changes = field(default_factory=Changes)  # the breaks moved
    pictures: dict[int, PagePainter] = field(default_factory=dict)  # by page, over the text
    # How full a picture's page is; set only for one, whose document is never laid out
    # (nor touched from another thread: a print preview paints on the GUI thread).
    fill: float | None = None

    def members(self) -> list[Start]:
        """Each part of the run and where it starts."""
        return self.starts or [Start(self.part, 0, 0.0)]

    def part_at(self, local: int) -> Part:
        """The part whose text is at the top of the run's page ``local`` (what the
        running head names)."""
        current = self.part
        for start in self.members():
            if start.page < local or (start.page == local and start.top < TOP_SLACK):
                current = start.part
        return current


@dataclass
class BriefingLayout:
    """Every part laid out and numbered; ``pages`` is the briefing's page count."""

    briefing: Briefing
    geometry: PageGeometry
    fonts: Families
    dpi: float
    parts: list[PartLayout] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(p.pages for p in self.parts)

    def locate(self, page: int) -> tuple[PartLayout, int]:
        """The part holding page ``page`` (0-based) and the page's index within it."""
        for part in self.parts:
            if part.first_page <= page < part.first_page + part.pages:
                return part, page - part.first_page
        raise IndexError(page)

    def outline(self) -> list[tuple[str, int]]:
        """``(title, first page index)`` of every part, for bookmarks."""
        return [(s.part.title, p.first_page + s.page) for p in self.parts for s in p.members()]

    def part_places(self) -> dict[str, tuple[int, float]]:
        """Each part's id -> (0-based page index, points from the top of the paper)."""
        return {
            s.part.id: (p.first_page + s.page, self.geometry.body_top + s.top)
            for p in self.parts
            for s in p.members()
        }

    def page_fill(self, page: int) -> float:
        """How full page ``page`` (0-based) is: the share of the text area's height
        down to the bottom of its last line."""
        part, local = self.locate(page)
        if part.fill is not None:
            return part.fill
        return page_fill(part.document, px(self.geometry.body_height, self.dpi), local)

    def paragraph_places(self) -> dict[str, tuple[int, float]]:
        """Where each source paragraph of an appendix starts: its anchor name
        (:func:`dossier.core.anchors.paragraph`) -> (0-based page index, points from the
        top of the paper)."""
        page_height = px(self.geometry.body_height, self.dpi)
        places: dict[str, tuple[int, float]] = {}
        for part in self.parts:
            if part.part.kind != APPENDIX:
                continue
            doc = part.document
            block = doc.begin()
            while block.isValid():
                names = block_anchors(block)
                lines = lines_of(doc, block) if names else []
                if lines:
                    local = int(lines[0].mid // page_height)
                    offset = (lines[0].top - local * page_height) * 72 / self.dpi
                    for name in names:
                        top = self.geometry.body_top + offset
                        places.setdefault(name, (part.first_page + local, top))
                block = block.next()
        return places


class _Builder(Typesetter):
    """Lays out parts: each set as a document, then its page breaks moved."""

    def layout(
        self, part: Part, joined: tuple[Part, ...] = (), reuse: PartLayout | None = None
    ) -> PartLayout:
        """Lay out ``part``, and after it on the same page the ``joined`` parts.

        ``reuse``: the run laid out before without the last joined part; its moved breaks
        are copied rather than found again, and the search starts where it ended.
        """
        if joined:
            html = part.html + "".join(_anchored(p) for p in joined)
            part = Part(part.id, part.kind, part.title, html, part.in_contents, part.running)
        doc = self.document(part)
        items = list(top_items(doc))  # a moved break changes formats, never the items
        changes = Changes()
        start = fixes = 0
        if reuse is not None and same_start(reuse.items, items):
            changes = reuse.changes.copy()
            changes.apply(doc, items)
            start, fixes = max(0, len(reuse.items) - RESCAN), reuse.fixes
        for other in joined:
            block = anchor_block(doc, part_anchor(other.id))
            changes.top_margin(block, px(PART_GAP, self.dpi))
        fixes += fix_breaks(
            doc, items, changes, self.page_height, self.dpi, start=start, name=part.id
        )
        finish(doc)
        laid = PartLayout(part, doc, max(1, doc.pageCount()), fixes=fixes)
        laid.items, laid.changes = items, changes
        if joined:
            laid.starts = [self._start(doc, p, first=p is part) for p in (part, *joined)]
        return laid

    def _start(self, doc: QTextDocument, part: Part, *, first: bool) -> Start:
        if first:
            return Start(part, 0, 0.0)
        lines = lines_of(doc, anchor_block(doc, part_anchor(part.id)))
        top = lines[0].top if lines else 0.0
        local = int(lines[0].mid // self.page_height) if lines else 0
        return Start(part, local, (top - local * self.page_height) * 72 / self.dpi)


def lay_out(briefing: Briefing) -> BriefingLayout:
    """Lay out every part of ``briefing`` and number its pages (needs a QGuiApplication).

    The citation markers are links when the briefing was planned with them. A short
    template longer than its page limit raises LayoutError, saying by how much.
    """
    fonts = register_fonts()
    geometry = PageGeometry.for_paper(briefing.options.page_size)
    dpi = layout_dpi()
    # The read-ahead is set a point smaller to hold its parts on two pages; talking
    # points have a page to themselves and keep the body size.
    compact = briefing.options.template == BRIEF
    builder = _Builder(geometry, fonts, dpi, COMPACT_BODY_PT if compact else BODY_PT)
    result = BriefingLayout(briefing, geometry, fonts, dpi)
    contents_index = None
    runs: list[list[Part]] = []
    for part in briefing.parts:
        if part.kind == CONTENTS:
            contents_index = len(runs)
        runs.append([part])
    result.parts = _with_pictures(builder, briefing, _join_short_pages(builder, runs))
    if compact and result.parts:
        _add_small_timeline(builder, result)
    if contents_index is not None:
        _number_contents(builder, result, contents_index)
    else:
        _number(result)
    _check_limit(builder, result)
    return result


def _with_pictures(
    builder: _Builder, briefing: Briefing, laid: list[PartLayout]
) -> list[PartLayout]:
    """A page for each picture after the run that holds the timeline (see
    :func:`dossier.export.picture_parts.picture_parts`)."""
    kinds = [{s.part.kind for s in run.members()} for run in laid]
    after = picture_place(kinds)
    pages = picture_parts(briefing, builder.geometry) if after is not None else []
    pictures = [
        PartLayout(part, QTextDocument(), 1, pictures={0: paint}, fill=fill)
        for part, paint, fill in pages
    ]
    return laid if after is None else laid[: after + 1] + pictures + laid[after + 1 :]


def _join_short_pages(builder: _Builder, runs: list[list[Part]]) -> list[PartLayout]:
    """Lay out the runs, letting a part start on the page the run before ends on when
    that page would stand less than a fifth full, or when the part is that short and
    fits there: so no page but the cover, the contents and the last wastes the paper."""
    laid: list[PartLayout] = []
    for run in runs:
        part = run[0]
        if part.kind == CONTENTS:
            laid.append(PartLayout(part, QTextDocument(), 0))
            continue
        alone: PartLayout | None = None
        own = 1.0
        if laid and _joinable(laid[-1], part):
            previous = laid[-1]
            fill = _last_fill(builder, previous)
            if fill >= MIN_FILL:  # a short part may still fill the rest of that page
                alone = builder.layout(part)
                own = _last_fill(builder, alone)
            fits = alone is not None and alone.pages == 1 and own < MIN_FILL and fill + own < 0.9
            if fill < MIN_FILL or fits:
                members = [s.part for s in previous.members()]
                joined = (*members[1:], part)
                laid[-1] = builder.layout(_original(previous), joined, reuse=previous)
                continue
        laid.append(alone or builder.layout(part))
    return laid


def _original(run: PartLayout) -> Part:
    """The first part of a run as planned (a joined run's part holds every member's HTML)."""
    first = run.members()[0].part
    if not run.starts:
        return first
    html = first.html.split(_anchored(run.starts[1].part), 1)[0]
    return Part(first.id, first.kind, first.title, html, first.in_contents, first.running)


def _joinable(run: PartLayout, part: Part) -> bool:
    last = run.members()[-1].part
    return last.kind in JOINS_AFTER and part.kind in JOINS


def _add_small_timeline(builder: _Builder, result: BriefingLayout) -> None:
    """The read-ahead's small timeline, where it still fits its two pages."""
    run = result.parts[-1]
    place = small_timeline_place(
        result.briefing, builder.geometry, run.pages, _last_fill(builder, run)
    )
    if place is not None:
        page, paint = place
        run.pictures[page] = paint
        run.pages = max(run.pages, page + 1)


def _last_fill(builder: _Builder, run: PartLayout) -> float:
    return page_fill(run.document, builder.page_height, run.pages - 1)


def _check_limit(builder: _Builder, result: BriefingLayout) -> None:
    limit = result.briefing.max_pages
    if limit is None or result.pages <= limit:
        return
    over = sum(p.document.documentLayout().documentSize().height() for p in result.parts)
    over -= limit * builder.page_height
    lines = max(1, round(over / px(builder.body * 1.32, builder.dpi)))
    name = "the brief needs" if limit == 2 else "the talking points need"
    pages = "two pages" if limit == 2 else "one page"
    raise LayoutError(
        f"{name} {result.pages} pages, about {lines} lines more than fit on {pages}; "
        "choose fewer sections or points"
    )


def _anchored(part: Part) -> str:
    """A joined part's HTML with its anchor inside its first heading, where Qt keeps it."""
    name = f'<a name="{part_anchor(part.id)}"></a>'
    start = part.html.find("<h1")
    end = part.html.find(">", start)
    if start < 0 or end < 0:
        return name + part.html
    return part.html[: end + 1] + name + part.html[end + 1 :]


def _number(result: BriefingLayout) -> None:
    page = 0
    for part in result.parts:
        part.first_page = page
        page += part.pages


def _entries(result: BriefingLayout) -> list[tuple[str, str, int]]:
    return [
        (s.part.id, s.part.title, p.first_page + s.page + 1)
        for p in result.parts
        for s in p.members()
        if s.part.in_contents
    ]


def _number_contents(builder: _Builder, result: BriefingLayout, index: int) -> None:
    """Two passes: size the contents with placeholder numbers, then fill in the real ones."""
    ids = [i for i, _, _ in _entries(result)] if result.briefing.contents_links else None
    entries: list[tuple[str, int | None]] = [(t, 999) for _, t, _ in _entries(result)]
    part = result.parts[index].part
    for _ in range(4):
        html = contents_html(entries, ids)
        laid = builder.layout(Part(part.id, part.kind, part.title, html, part.in_contents))
        laid.leaders = dot_leaders(laid.document)
        result.parts[index] = laid
        _number(result)
        numbered: list[tuple[str, int | None]] = [(t, n) for _, t, n in _entries(result)]
        if numbered == entries:
            return
        entries = numbered
    log.warning("the table of contents did not settle; page numbers may be off")


def is_cover(part: PartLayout) -> bool:
    """Whether this part is the cover (its running head names no part)."""
    return part.part.kind == COVER
