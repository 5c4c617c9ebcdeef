"""The briefing's parts as ``QTextDocument``s on the paper's measure, and where their
lines fall: what the pagination reads and the renderer paints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QFont,
    QImage,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QTextTable,
)

from dossier.core.briefing.parts import COVER, Part
from dossier.export.fonts import Families
from dossier.export.style import BODY_PT, PageGeometry, px, stylesheet

COVER_DROP = 150  # points between the top of the cover's text area and its first line


def layout_device(dpi: float) -> QImage:
    """A paint device at ``dpi`` whose font metrics the layout uses."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def block_anchors(block: QTextBlock) -> list[str]:
    """The anchor names in one block, in order (the viewer's selections use it too)."""
    names: list[str] = []
    it = block.begin()
    while not it.atEnd():
        names.extend(it.fragment().charFormat().anchorNames())
        it += 1
    return names


LIST_CHUNK = 200  # items of one HTML list: Qt takes quadratic time to build a long list
_LIST_TAG = re.compile(r"<(/?)(ul|li)\b[^>]*>", re.IGNORECASE)


def split_long_lists(html: str, chunk: int = LIST_CHUNK) -> str:
    """``html`` with every ``<ul>`` of more than ``chunk`` items cut into consecutive
    lists of ``chunk`` items, each opened as the original was.

    The lists have no margins of their own (the items do), so the page looks the same,
    and a 6,000-point section is parsed in linear time.
    """
    out: list[str] = []
    done = 0
    for cut, opening, _outer in _list_cuts(html, chunk):
        out += [html[done:cut], "</ul>", opening]
        done = cut
    out.append(html[done:])
    return "".join(out)


def html_chunks(html: str, chunk: int = LIST_CHUNK) -> list[str]:
    """``html`` as pieces to set one after the other (the first with ``setHtml``, each
    next one at the end in a new block), cut where an outermost list is cut by
    :func:`split_long_lists`: each piece holds at most ``chunk`` items of a list. Pass
    each through :func:`distinct_anchors` when it is set (so the first is quick)."""
    pieces: list[str] = []
    start = 0
    opening = ""
    for cut, next_opening, outer in _list_cuts(html, chunk):
        if outer:
            pieces.append(opening + html[start:cut] + "</ul>")
            start, opening = cut, next_opening
    pieces.append(opening + html[start:])
    return pieces


def _list_cuts(html: str, chunk: int) -> Iterator[tuple[int, str, bool]]:
    """Where a ``<ul>`` reaches ``chunk`` items, before the next one: (the position, the
    list's opening tag, whether it is an outermost list)."""
    if html.count("<li") <= chunk:
        return
    stack: list[list[str | int]] = []  # open ul and li tags: [tag, items seen]
    for match in _LIST_TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing and name == "li" and stack and stack[-1][0] != "li":
            ul = stack[-1]
            count = int(ul[1])
            if count and count % chunk == 0:  # cut before the item, never after the last
                yield match.start(), str(ul[0]), len(stack) == 1
            ul[1] = count + 1
        if closing:
            if stack:
                stack.pop()
        else:
            stack.append(["li" if name == "li" else match.group(0), 0])


# An empty named anchor, then any opening tags but a link's, then the text that carries
# the name (a link keeps its own tooltip).
_NAMED = re.compile(r'(<a name="([^"]*)"></a>((?:<(?!a[\s>])[a-z][^>]*>)*))([^<]+)')


def distinct_anchors(html: str) -> str:
    """``html`` with the text after each named anchor given the name as its tooltip.

    Qt files every character format by a hash that ignores anchor names, so thousands of
    anchors fall into one bucket and the HTML takes quadratic time to read; a tooltip is
    hashed, which spreads them. (Paper shows no tooltips; the viewer shows only links'.)
    """
    return _NAMED.sub(r'\1<span title="\2">\4</span>', html)


def finish(doc: QTextDocument) -> None:
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


def top_items(doc: QTextDocument) -> Iterator[QTextBlock | QTextTable]:
    """The blocks and tables directly in the document's root frame, in order."""
    it = doc.rootFrame().begin()
    while not it.atEnd():
        block = it.currentBlock()
        if block.isValid():
            yield block
        elif isinstance(frame := it.currentFrame(), QTextTable):
            yield frame
        it += 1


def lines_of(doc: QTextDocument, block: QTextBlock) -> list[Line]:
    """Each line of ``block`` in document coordinates."""
    # (Asking where the block is first lays the document out down to it.)
    origin = doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return []
    lines = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        top = origin + line.y()
        lines.append(Line(top, top + line.height() / 2, top + line.height()))
    return lines


def spans_table(table: QTextTable, row: int) -> bool:
    """Whether ``row`` is one cell across the table: a group's heading, as the key
    figures' sections (in a one-column table every row would be)."""
    return table.columns() > 1 and table.cellAt(row, 0).columnSpan() == table.columns()


def cell_lines(doc: QTextDocument, table: QTextTable, row: int, column: int) -> list[Line]:
    """The lines of one table cell, in document coordinates."""
    cell = table.cellAt(row, column)
    if cell.row() != row or cell.column() != column:
        return []  # covered by a spanning cell
    block = cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().block().blockNumber()
    lines: list[Line] = []
    while block.isValid() and block.blockNumber() <= end:
        lines.extend(lines_of(doc, block))
        block = block.next()
    return lines


def page_fill(doc: QTextDocument, page_height: float, local: int) -> float:
    """How full the page ``local`` of ``doc`` is: the share of the page's height down
    to the bottom of its last line."""
    bottom = 0.0
    block = doc.begin()
    while block.isValid():
        for line in lines_of(doc, block):
            if int(line.mid // page_height) == local:
                bottom = max(bottom, line.bottom - local * page_height)
        block = block.next()
    return min(1.0, bottom / page_height)


def anchor_block(doc: QTextDocument, name: str) -> QTextBlock:
    """The first block holding the anchor ``name`` (the document's first if none)."""
    block = doc.begin()
    while block.isValid():
        if name in block_anchors(block):
            return block
        block = block.next()
    return doc.begin()


def dot_leaders(doc: QTextDocument) -> list[tuple[float, float, float]]:
    """Where the contents' dot leaders run: (baseline, from x, to x) in layout pixels,
    from the end of each title's last line to the start of its page number."""
    leaders = []
    for item in top_items(doc):
        if not isinstance(item, QTextTable) or item.columns() != 2:
            continue
        for row in range(item.rows()):
            title = item.cellAt(row, 0).lastCursorPosition().block()
            number = item.cellAt(row, 1).firstCursorPosition().block()
            end, start = line_span(doc, title, last=True), line_span(doc, number, last=False)
            if end is None or start is None:
                continue
            leaders.append((end[0], end[1], start[1]))
    return leaders


def line_span(doc: QTextDocument, block: QTextBlock, *, last: bool) -> tuple[float, float] | None:
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


class Typesetter:
    """Sets a part's HTML into a ``QTextDocument`` on the paper's measure, at ``dpi``."""

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
        """``part`` set on pages of the text area's size; Qt lays it out lazily."""
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.documentLayout().setPaintDevice(self.device)
        doc.setUseDesignMetrics(True)
        doc.setDocumentMargin(0)
        font = QFont(self.fonts.serif)
        font.setPointSizeF(self.body)
        # "fi" set as two letters, so text copied or searched in the PDF is plain: every
        # format of the document inherits the default font's features.
        font.setFeature(QFont.Tag("liga"), 0)
        font.setFeature(QFont.Tag("clig"), 0)
        doc.setDefaultFont(font)
        # Break lines between words only, as the screen does: a narrow column widens
        # rather than splitting "independence" into "independenc" and "e".
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(option)
        doc.setDefaultStyleSheet(self.css)
        # The page first: Qt lays out what it is given as it arrives, and a new page size
        # would lay the whole part out again.
        doc.setPageSize(QSizeF(self.width, self.page_height))
        html = distinct_anchors(split_long_lists(part.html))
        doc.setHtml(f"<html><body>{html}</body></html>")
        self._shape(doc, headings=part.kind == COVER)
        if part.kind == COVER:
            root = doc.rootFrame().frameFormat()
            root.setTopMargin(px(COVER_DROP, self.dpi))
            doc.rootFrame().setFrameFormat(root)
        return doc

    def _shape(self, doc: QTextDocument, *, headings: bool = False) -> None:
        """Inset running text to its measure.

        Headings and wide tables hang at the frame's edge; text sits inside it, for a
        measure of about 66 characters. The style sheet sets the tables that sit at the
        measure too, but CSS lengths are whole pixels: those get the exact measure here.
        With ``headings`` (the cover, a title block with no text to hang over) the
        headings are inset too, in line with the lines above and below them.
        """
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one layout after every change, not one per block
        for item in list(top_items(doc)):
            if isinstance(item, QTextTable):
                fmt = item.format()
                if fmt.leftMargin() > 0:
                    fmt.setLeftMargin(self.inset)
                    fmt.setRightMargin(self.inset)
                    item.setFormat(fmt)
                continue
            block_format = item.blockFormat()
            if block_format.headingLevel() > 0 and not headings:
                continue
            block_format.setLeftMargin(block_format.leftMargin() + self.inset)
            block_format.setRightMargin(block_format.rightMargin() + self.inset)
            cursor.setPosition(item.position())
            cursor.setBlockFormat(block_format)
        cursor.endEditBlock()
