"""The pagination engine: each part of the briefing laid out on pages, with the rules a
typesetter keeps (no heading alone at the foot of a page, short tables kept whole, no
single line of a paragraph stranded), and the table of contents numbered in two passes.

Parts start on a new page, so each is a ``QTextDocument`` of its own: fixing a break in
one part never moves another, and a fix re-lays out only that part.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QFont,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
)

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
from dossier.export.fonts import Families, register_fonts
from dossier.export.style import (
    BODY_PT,
    COMPACT_BODY_PT,
    PageGeometry,
    layout_dpi,
    px,
    stylesheet,
)

log = logging.getLogger("dossier.export")

MAX_FIXES = 400  # per part; a safety net, real parts need a handful
RESCAN = 8  # items before a moved break looked at again (the headings that moved with it)
KEEP_LINES = 2  # lines of the following text a heading needs beside it
SHORT_TABLE = 0.2  # a table shorter than this share of a page is never split
MIN_ROWS = 3  # rows of a split table on either side of the break
SHORT_BLOCK = 5  # a table row of at most this many lines is moved whole, never split
MIN_FILL = 0.2  # no page but the cover, the contents and the last is emptier than this
TOP_SLACK = 40  # points: a part starting this near the top of a page heads that page
PART_GAP = 30  # points above a part that starts on the page another part ends on
# A part of these kinds may start on the last page of the one before, when that page
# would otherwise stand nearly empty: each is a reading unit with its own heading.
JOINS_AFTER = (BLUF, SECTION, TIMELINE, WHOS_WHO)
JOINS = (SECTION, TIMELINE, WHOS_WHO, SOURCES)


class LayoutError(ValueError):
    """The briefing cannot be laid out as asked (a brief longer than two pages)."""


def layout_device(dpi: float) -> QImage:
    """A paint device at ``dpi`` whose font metrics the layout uses."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


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
        return _fill(part.document, px(self.geometry.body_height, self.dpi), local)

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
                lines = _lines(doc, block) if names else []
                if lines:
                    local = int(lines[0].mid // page_height)
                    offset = (lines[0].top - local * page_height) * 72 / self.dpi
                    for name in names:
                        top = self.geometry.body_top + offset
                        places.setdefault(name, (part.first_page + local, top))
                block = block.next()
        return places


def _fill(doc: QTextDocument, page_height: float, local: int) -> float:
    """How full the page ``local`` of ``doc`` is (see ``BriefingLayout.page_fill``)."""
    bottom = 0.0
    block = doc.begin()
    while block.isValid():
        for line in _lines(doc, block):
            if int(line.mid // page_height) == local:
                bottom = max(bottom, line.bottom - local * page_height)
        block = block.next()
    return min(1.0, bottom / page_height)


def block_anchors(block: QTextBlock) -> list[str]:
    """The anchor names in one block, in order (the viewer's selections use it too)."""
    names: list[str] = []
    it = block.begin()
    while not it.atEnd():
        names.extend(it.fragment().charFormat().anchorNames())
        it += 1
    return names


class _Builder:
    def __init__(
        self, geometry: PageGeometry, fonts: Families, dpi: float, body: float = BODY_PT
    ) -> None:
        self.geometry = geometry
        self.fonts = fonts
        self.dpi = dpi
        self.body = body
        self.device = layout_device(dpi)
        self.css = stylesheet(fonts, dpi, inset=geometry.text_inset, body=body)
        self.page_height = px(geometry.body_height, dpi)
        self.width = px(geometry.frame_width, dpi)
        self.inset = px(geometry.text_inset, dpi)

    def document(self, part: Part) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.documentLayout().setPaintDevice(self.device)
        doc.setUseDesignMetrics(True)
        doc.setDocumentMargin(0)
        font = QFont(self.fonts.serif)
        font.setPointSizeF(self.body)
        doc.setDefaultFont(font)
        # Break lines between words only, as the screen does: a narrow column widens
        # rather than splitting "independence" into "independenc" and "e".
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(option)
        doc.setDefaultStyleSheet(self.css)
        doc.setHtml(f"<html><body>{part.html}</body></html>")
        _no_ligatures(doc)
        self._shape(doc)
        if part.kind == COVER:
            root = doc.rootFrame().frameFormat()
            root.setTopMargin(px(COVER_DROP, self.dpi))
            doc.rootFrame().setFrameFormat(root)
        doc.setPageSize(QSizeF(self.width, self.page_height))
        return doc

    def _shape(self, doc: QTextDocument) -> None:
        """Inset running text to its measure.

        Headings and wide tables hang at the frame's edge; text sits inside it, for a
        measure of about 66 characters. The style sheet sets the tables that sit at the
        measure too, but CSS lengths are whole pixels: those get the exact measure here.
        """
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one layout after every change, not one per block
        for item in list(_top_items(doc)):
            if isinstance(item, QTextTable):
                fmt = item.format()
                if fmt.leftMargin() > 0:
                    fmt.setLeftMargin(self.inset)
                    fmt.setRightMargin(self.inset)
                    item.setFormat(fmt)
                continue
            block_format = item.blockFormat()
            if block_format.headingLevel() > 0:
                continue
            block_format.setLeftMargin(block_format.leftMargin() + self.inset)
            block_format.setRightMargin(block_format.rightMargin() + self.inset)
            cursor.setPosition(item.position())
            cursor.setBlockFormat(block_format)
        cursor.endEditBlock()

    def layout(self, part: Part, joined: tuple[Part, ...] = ()) -> PartLayout:
        """Lay out ``part``, and after it on the same page the ``joined`` parts."""
        if joined:
            html = part.html + "".join(_anchored(p) for p in joined)
            part = Part(part.id, part.kind, part.title, html, part.in_contents, part.running)
        doc = self.document(part)
        _finish(doc)  # (a block format changed before the first layout stalls Qt's)
        for other in joined:
            _set_top_margin(_anchor_block(doc, part_anchor(other.id)), px(PART_GAP, self.dpi))
        fixes = 0
        start: int | None = 0
        while fixes < MAX_FIXES and (start := self._fix_one(doc, start or 0)) is not None:
            fixes += 1
            # A moved break moves only what follows it (and the headings just above,
            # which travel with it): the text before needs no second look.
            start = max(0, start - RESCAN)
        if fixes >= MAX_FIXES:
            log.warning("part %s: gave up moving page breaks after %d fixes", part.id, fixes)
        _finish(doc)
        laid = PartLayout(part, doc, max(1, doc.pageCount()), fixes=fixes)
        if joined:
            laid.starts = [self._start(doc, p, first=p is part) for p in (part, *joined)]
        return laid

    def _start(self, doc: QTextDocument, part: Part, *, first: bool) -> Start:
        if first:
            return Start(part, 0, 0.0)
        lines = _lines(doc, _anchor_block(doc, part_anchor(part.id)))
        top = lines[0].top if lines else 0.0
        local = self._page(lines[0].mid) if lines else 0
        return Start(part, local, (top - local * self.page_height) * 72 / self.dpi)

    # -- the break rules -------------------------------------------------------------------
    def _page(self, y: float) -> int:
        return int(y // self.page_height)

    def _at_top(self, line: Line, margin: float = 0) -> bool:
        """Whether ``line`` is the first thing on its page (after ``margin``)."""
        return line.top - self._page(line.mid) * self.page_height <= margin + 3

    def _fix_one(self, doc: QTextDocument, start: int = 0) -> int | None:
        """Find the first bad break in ``doc`` from the item ``start`` on, move it, and
        return the index of the item where it was (None when nothing moved)."""
        _finish(doc)
        items = list(_top_items(doc))
        for index in range(start, len(items)):
            item = items[index]
            if isinstance(item, QTextTable):
                if self._table_breaks_badly(doc, item) and self._push(doc, items, index):
                    return index
                if self._fix_rows(doc, item):
                    return index
                continue
            lines = _lines(doc, item)
            if not lines:
                continue
            if item.blockFormat().headingLevel() > 0:
                if self._fix_heading(doc, items, index, lines):
                    return index
                continue
            if self._splits_badly(lines) and self._push(doc, items, index):
                return index
            if (
                index > 0
                and _is_attribution(item)
                and self._at_top(lines[0], item.blockFormat().topMargin())
                and self._push(doc, items, index - 1)
            ):
                return index  # an attribution ("— Name") stays with its quote
        return None

    def _fix_heading(
        self, doc: QTextDocument, items: list[Item], index: int, lines: list[Line]
    ) -> bool:
        block = items[index]
        assert isinstance(block, QTextBlock)
        top_margin = block.blockFormat().topMargin()
        if top_margin > 0 and self._at_top(lines[0], top_margin):
            _set_top_margin(block, 0)  # no space above a heading at the top of a page
            return True
        if index + 1 >= len(items):
            return False
        need = self._needed_line(doc, items[index + 1])
        if need is not None and self._page(need.mid) != self._page(lines[0].mid):
            return self._push(doc, items, index)
        return False

    def _splits_badly(self, lines: list[Line]) -> bool:
        """One line alone on either side of a page break (or any split of a short block)."""
        first = self._page(lines[0].mid)
        last = self._page(lines[-1].mid)
        if first == last:
            return False
        on_first = sum(1 for line in lines if self._page(line.mid) == first)
        on_last = sum(1 for line in lines if self._page(line.mid) == last)
        return on_first == 1 or on_last == 1 or len(lines) <= 3

    def _needed_line(self, doc: QTextDocument, item: Item) -> Line | None:
        """The line after a heading that must share the heading's page."""
        if isinstance(item, QTextTable):
            row = min(item.rows() - 1, item.format().headerRowCount())
            return self._row_last_line(doc, item, row)
        lines = _lines(doc, item)
        return lines[min(KEEP_LINES, len(lines)) - 1] if lines else None

    def _row_last_line(self, doc: QTextDocument, table: QTextTable, row: int) -> Line | None:
        lasts = [
            lines[-1] for c in range(table.columns()) if (lines := _cell_lines(doc, table, row, c))
        ]
        return max(lasts, key=lambda line: line.mid) if lasts else None

    def _table_breaks_badly(self, doc: QTextDocument, table: QTextTable) -> bool:
        """A short table split at all, or a long one leaving fewer than
        ``MIN_ROWS`` rows on a page."""
        header = table.format().headerRowCount()
        body_rows = table.rows() - header
        first_line = self._row_last_line(doc, table, header)
        last_line = self._row_last_line(doc, table, table.rows() - 1)
        if first_line is None or last_line is None:
            return False
        first, last = self._page(first_line.mid), self._page(last_line.mid)
        if first == last:
            return False
        height = doc.documentLayout().frameBoundingRect(table).height()
        if body_rows <= 2 * MIN_ROWS or height <= SHORT_TABLE * self.page_height:
            return True
        probe = self._row_last_line(doc, table, header + MIN_ROWS - 1)
        return probe is not None and self._page(probe.mid) != first

    def _fix_rows(self, doc: QTextDocument, table: QTextTable) -> bool:
        """Move a row that a page break cuts badly (a short row, or one line of a long
        one alone), or too few rows left for a table's last page, to the next page."""
        header = table.format().headerRowCount()
        pages: list[int | None] = []
        for row in range(header, table.rows()):
            cells = [_cell_lines(doc, table, row, c) for c in range(table.columns())]
            lines = sorted(line for cell in cells for line in cell)
            pages.append(self._page(lines[-1].mid) if lines else None)
            if not lines or row == header:
                continue  # the table's own rule handles its first row
            if self._page(lines[0].mid) != self._page(lines[-1].mid):
                tallest = max(cells, key=len)
                if len(tallest) <= SHORT_BLOCK or self._splits_badly(tallest):
                    return self._push_row(doc, table, row)
        known = [p for p in pages if p is not None]
        if len(pages) > 2 * MIN_ROWS and known and known[0] != known[-1]:
            on_last = sum(1 for p in known if p == known[-1])
            if on_last < MIN_ROWS:
                return self._push_row(doc, table, table.rows() - MIN_ROWS)
        return False

    def _push_row(self, doc: QTextDocument, table: QTextTable, row: int) -> bool:
        """Move a row to the next page by padding its cells just past the page's end.

        (A page break inside a cell would skip a page; Qt moves a row whose first
        lines do not fit, so a little padding is enough.)
        """
        firsts = [
            lines[0] for c in range(table.columns()) if (lines := _cell_lines(doc, table, row, c))
        ]
        if not firsts:
            return False
        top = min(firsts, key=lambda line: line.top)
        if self._at_top(top, px(BODY_PT, self.dpi)):
            return False  # already at the top of a page
        page_end = (self._page(top.mid) + 1) * self.page_height
        pad = page_end - min(line.bottom for line in firsts) + 1
        if pad <= 0:
            return False
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if cell.row() != row or cell.column() != column:
                continue
            cell_format = cell.format().toTableCellFormat()
            cell_format.setTopPadding(cell_format.topPadding() + pad)
            cell.setFormat(cell_format)
        return True

    def _push(self, doc: QTextDocument, items: list[Item], index: int) -> bool:
        """Start the item (or the headings just above it) on the next page."""
        while index > 0:
            previous = items[index - 1]
            if isinstance(previous, QTextTable) or previous.blockFormat().headingLevel() == 0:
                break
            index -= 1
        if index == 0:
            return False  # the part's first item is at the top of a page already
        item = items[index]
        if isinstance(item, QTextTable):
            fmt = item.format()
            first = self._row_last_line(doc, item, 0)
            if (
                first is None
                or fmt.pageBreakPolicy() & ALWAYS_BEFORE
                or self._at_top(first, 2 * px(BODY_PT, self.dpi))
            ):
                return False
            fmt.setPageBreakPolicy(ALWAYS_BEFORE)
            item.setFormat(fmt)
            return True
        lines = _lines(doc, item)
        block_format = item.blockFormat()
        if (
            not lines
            or self._at_top(lines[0], block_format.topMargin())
            or block_format.pageBreakPolicy() & ALWAYS_BEFORE
        ):
            return False  # already at the top of a page: moving it cannot help
        block_format.setPageBreakPolicy(ALWAYS_BEFORE)
        if block_format.headingLevel() > 0:
            block_format.setTopMargin(0)
        QTextCursor(item).setBlockFormat(block_format)
        return True


def _no_ligatures(doc: QTextDocument) -> None:
    """Set "fi" as two letters, so that text copied or searched in the PDF is plain."""
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    char_format = QTextCharFormat()
    char_format.setFontFeatures({QFont.Tag("liga"): 0, QFont.Tag("clig"): 0})
    cursor.mergeCharFormat(char_format)


def _finish(doc: QTextDocument) -> None:
    """Complete the layout (Qt lays out lazily; ``pageCount`` alone does not finish it)."""
    doc.documentLayout().documentSize()
    # A long document is laid out in steps; asking where its last block is finishes it.
    doc.documentLayout().blockBoundingRect(doc.lastBlock())


class Line(NamedTuple):
    """A line of text in document coordinates; its page is the page of its middle."""

    top: float
    mid: float
    bottom: float


Item = QTextBlock | QTextTable


def _is_attribution(block: QTextBlock) -> bool:
    return block.text().startswith("—")


ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
COVER_DROP = 150  # points between the top of the cover's text area and its first line


def _set_top_margin(block: QTextBlock, value: float) -> None:
    block_format = QTextBlockFormat(block.blockFormat())
    block_format.setTopMargin(value)
    QTextCursor(block).setBlockFormat(block_format)


def _top_items(doc: QTextDocument) -> Iterator[QTextBlock | QTextTable]:
    """The blocks and tables directly in the document's root frame, in order."""
    it = doc.rootFrame().begin()
    while not it.atEnd():
        block = it.currentBlock()
        if block.isValid():
            yield block
        elif isinstance(frame := it.currentFrame(), QTextTable):
            yield frame
        it += 1


def _lines(doc: QTextDocument, block: QTextBlock) -> list[Line]:
    """Each line of ``block`` in document coordinates."""
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return []
    origin = doc.documentLayout().blockBoundingRect(block).top()
    lines = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        top = origin + line.y()
        lines.append(Line(top, top + line.height() / 2, top + line.height()))
    return lines


def _cell_lines(doc: QTextDocument, table: QTextTable, row: int, column: int) -> list[Line]:
    """The lines of one table cell, in document coordinates."""
    cell = table.cellAt(row, column)
    if cell.row() != row or cell.column() != column:
        return []  # covered by a spanning cell
    block = cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().block().blockNumber()
    lines: list[Line] = []
    while block.isValid() and block.blockNumber() <= end:
        lines.extend(_lines(doc, block))
        block = block.next()
    return lines


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
    result.parts = _join_short_pages(builder, runs)
    if contents_index is not None:
        _number_contents(builder, result, contents_index)
    else:
        _number(result)
    _check_limit(builder, result)
    return result


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
                laid[-1] = builder.layout(_original(previous), (*members[1:], part))
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


def _last_fill(builder: _Builder, run: PartLayout) -> float:
    return _fill(run.document, builder.page_height, run.pages - 1)


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


def _anchor_block(doc: QTextDocument, name: str) -> QTextBlock:
    block = doc.begin()
    while block.isValid():
        if name in block_anchors(block):
            return block
        block = block.next()
    return doc.begin()


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
        laid.leaders = _leaders(laid.document)
        result.parts[index] = laid
        _number(result)
        numbered: list[tuple[str, int | None]] = [(t, n) for _, t, n in _entries(result)]
        if numbered == entries:
            return
        entries = numbered
    log.warning("the table of contents did not settle; page numbers may be off")


def _leaders(doc: QTextDocument) -> list[tuple[float, float, float]]:
    """Where the contents' dot leaders run: (baseline, from x, to x) in layout pixels,
    from the end of each title's last line to the start of its page number."""
    leaders = []
    for item in _top_items(doc):
        if not isinstance(item, QTextTable) or item.columns() != 2:
            continue
        for row in range(item.rows()):
            title = item.cellAt(row, 0).lastCursorPosition().block()
            number = item.cellAt(row, 1).firstCursorPosition().block()
            end, start = _line_span(doc, title, last=True), _line_span(doc, number, last=False)
            if end is None or start is None:
                continue
            leaders.append((end[0], end[1], start[1]))
    return leaders


def _line_span(doc: QTextDocument, block: QTextBlock, *, last: bool) -> tuple[float, float] | None:
    """The baseline and the x where the text of a block's last line ends (``last``) or
    its first line starts, in document pixels."""
    layout = block.layout()
    if layout is None or layout.lineCount() == 0 or not block.text():
        return None
    line = layout.lineAt(layout.lineCount() - 1 if last else 0)
    rect = doc.documentLayout().blockBoundingRect(block)
    baseline = rect.top() + line.y() + line.ascent()
    if last:
        return baseline, rect.left() + line.x() + line.naturalTextWidth()
    return baseline, rect.left() + line.x() + line.width() - line.naturalTextWidth()


def is_cover(part: PartLayout) -> bool:
    """Whether this part is the cover (its running head names no part)."""
    return part.part.kind == COVER
