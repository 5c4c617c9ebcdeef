"""Where the pages of a part break, moved to keep the rules a typesetter keeps: no
heading alone at the foot of a page, short tables and short list entries (a point, a
person in the who's who) kept whole, no single line of a paragraph stranded, an
attribution kept with its quote.

Each rule finds the first bad break, moves it (a page break before an item, or
padding above a table row) and looks again a few items before it, so every item is
looked at a bounded number of times; Qt re-lays out only the text near a moved break
(see :func:`edit`), so a part of 4,000 points costs per page what a short one does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from dossier.export.style import BODY_PT, px
from dossier.export.textdoc import Item, Line, cell_lines, lines_of, spans_table

log = logging.getLogger("dossier.export")

MAX_FIXES = 400  # per part beyond two per item: a safety net, real parts need far fewer
RESCAN = 8  # items before a moved break looked at again (the headings that moved with it)
KEEP_LINES = 2  # lines of the following text a heading needs beside it
SHORT_TABLE = 0.2  # a table shorter than this share of a page is never split
MIN_ROWS = 3  # rows of a split table on either side of the break
SHORT_BLOCK = 5  # a table row or a list entry of at most this many lines is kept whole
SHORT_PARAGRAPH = 3  # a paragraph of at most this many lines is kept whole


def fix_breaks(
    doc: QTextDocument,
    items: list[Item],
    changes: Changes,
    page_height: float,
    dpi: float,
    *,
    start: int = 0,
    name: str = "",
) -> int:
    """Move every bad page break of ``doc`` (its top ``items`` given) from the item
    ``start`` on, noting each in ``changes``; return how many moved."""
    rules = _Rules(page_height, dpi)
    limit = MAX_FIXES + 2 * len(items)  # each item's break moves a bounded number of times
    fixes = 0
    found: int | None = start
    while (found := rules.fix_one(doc, items, changes, found or 0)) is not None:
        fixes += 1
        if fixes >= limit:
            log.warning("part %s: gave up moving page breaks after %d fixes", name, fixes)
            break
        # A moved break moves only what follows it (and the headings just above,
        # which travel with it): the text before needs no second look.
        found = max(0, found - RESCAN)
    return fixes


class _Rules:
    def __init__(self, page_height: float, dpi: float) -> None:
        self.page_height = page_height
        self.dpi = dpi

    def _page(self, y: float) -> int:
        return int(y // self.page_height)

    def _at_top(self, line: Line, margin: float = 0) -> bool:
        """Whether ``line`` is the first thing on its page (after ``margin``)."""
        return line.top - self._page(line.mid) * self.page_height <= margin + 3

    def fix_one(
        self, doc: QTextDocument, items: list[Item], changes: Changes, start: int = 0
    ) -> int | None:
        """Find the first bad break in ``doc`` (whose top ``items`` are given) from the
        item ``start`` on, move it (noting it in ``changes``), and return the index of
        the item where it was (None when nothing moved).

        Each item is looked at from ``start`` on, and ``start`` is a few items before the
        last break moved, so an item is looked at a bounded number of times. Qt lays the
        document out lazily, down to the item asked about (see ``edit``), so the scan
        never waits for the whole part to be laid out again.
        """
        for index in range(start, len(items)):
            item = items[index]
            if isinstance(item, QTextTable):
                if self._table_breaks_badly(doc, item) and self._push(doc, items, index, changes):
                    return index
                if self._fix_rows(doc, item, index, changes):
                    return index
                continue
            lines = lines_of(doc, item)
            if not lines:
                continue
            if item.blockFormat().headingLevel() > 0:
                if self._fix_heading(doc, items, index, lines, changes):
                    return index
                continue
            whole = SHORT_BLOCK if item.textList() is not None else SHORT_PARAGRAPH
            if self._splits_badly(lines, whole) and self._push(doc, items, index, changes):
                return index
            if (
                index > 0
                and _is_attribution(item)
                and self._at_top(lines[0], item.blockFormat().topMargin())
                and self._push(doc, items, index - 1, changes)
            ):
                return index  # an attribution ("— Name") stays with its quote
        return None

    def _fix_heading(
        self,
        doc: QTextDocument,
        items: list[Item],
        index: int,
        lines: list[Line],
        changes: Changes,
    ) -> bool:
        block = items[index]
        assert isinstance(block, QTextBlock)
        top_margin = block.blockFormat().topMargin()
        if top_margin > 0 and self._at_top(lines[0], top_margin):
            changes.top_margin(block, 0)  # no space above a heading at the top of a page
            return True
        if index + 1 >= len(items):
            return False
        need = self._needed_line(doc, items[index + 1])
        if need is not None and self._page(need.mid) != self._page(lines[0].mid):
            return self._push(doc, items, index, changes)
        return False

    def _splits_badly(self, lines: list[Line], whole: int = SHORT_PARAGRAPH) -> bool:
        """One line alone on either side of a page break, or any split of a block of at
        most ``whole`` lines."""
        first = self._page(lines[0].mid)
        last = self._page(lines[-1].mid)
        if first == last:
            return False
        on_first = sum(1 for line in lines if self._page(line.mid) == first)
        on_last = sum(1 for line in lines if self._page(line.mid) == last)
        return on_first == 1 or on_last == 1 or len(lines) <= whole

    def _needed_line(self, doc: QTextDocument, item: Item) -> Line | None:
        """The line after a heading that must share the heading's page."""
        if isinstance(item, QTextTable):
            row = min(item.rows() - 1, item.format().headerRowCount())
            return self._row_last_line(doc, item, row)
        lines = lines_of(doc, item)
        return lines[min(KEEP_LINES, len(lines)) - 1] if lines else None

    def _row_last_line(self, doc: QTextDocument, table: QTextTable, row: int) -> Line | None:
        lasts = [
            lines[-1] for c in range(table.columns()) if (lines := cell_lines(doc, table, row, c))
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
        height = table_height(doc, table)
        if body_rows <= 2 * MIN_ROWS or height <= SHORT_TABLE * self.page_height:
            return True
        probe = self._row_last_line(doc, table, header + MIN_ROWS - 1)
        return probe is not None and self._page(probe.mid) != first

    def _fix_rows(
        self, doc: QTextDocument, table: QTextTable, index: int, changes: Changes
    ) -> bool:
        """Move a row that a page break cuts badly (a short row, or one line of a long
        one alone), or too few rows left for a table's last page, to the next page."""
        header = table.format().headerRowCount()
        pages: list[int | None] = []
        for row in range(header, table.rows()):
            cells = [cell_lines(doc, table, row, c) for c in range(table.columns())]
            lines = sorted(line for cell in cells for line in cell)
            pages.append(self._page(lines[-1].mid) if lines else None)
            if not lines or row == header:
                continue  # the table's own rule handles its first row
            if self._heads_next_page(doc, table, row, lines):
                return self._push_row(doc, table, row, index, changes)
            if self._page(lines[0].mid) != self._page(lines[-1].mid):
                tallest = max(cells, key=len)
                if len(tallest) <= SHORT_BLOCK or self._splits_badly(tallest):
                    return self._push_row(doc, table, row, index, changes)
        known = [p for p in pages if p is not None]
        if len(pages) > 2 * MIN_ROWS and known and known[0] != known[-1]:
            on_last = sum(1 for p in known if p == known[-1])
            if on_last < MIN_ROWS:
                return self._push_row(doc, table, table.rows() - MIN_ROWS, index, changes)
        return False

    def _heads_next_page(
        self, doc: QTextDocument, table: QTextTable, row: int, lines: list[Line]
    ) -> bool:
        """Whether ``row`` spans the table (a group's heading, as the key figures'
        sections) and the rows it heads start on the next page: a heading alone."""
        if row + 1 >= table.rows() or not spans_table(table, row):
            return False
        following = [
            cell[0] for c in range(table.columns()) if (cell := cell_lines(doc, table, row + 1, c))
        ]
        return bool(following) and self._page(following[0].mid) != self._page(lines[-1].mid)

    def _push_row(
        self, doc: QTextDocument, table: QTextTable, row: int, index: int, changes: Changes
    ) -> bool:
        """Move a row to the next page by padding its cells just past the page's end.

        (A page break inside a cell would skip a page; Qt moves a row whose first
        lines do not fit, so a little padding is enough.)
        """
        firsts = [
            lines[0] for c in range(table.columns()) if (lines := cell_lines(doc, table, row, c))
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
            changes.cell(index, table, row, column, cell_format)
        return True

    def _push(self, doc: QTextDocument, items: list[Item], index: int, changes: Changes) -> bool:
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
            changes.table(index, item, fmt)
            return True
        lines = lines_of(doc, item)
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
        changes.block(item, block_format)
        return True


def _is_attribution(block: QTextBlock) -> bool:
    return block.text().startswith("—")


ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore


class Changes:
    """The formats the break rules changed, by block number or item index, so a run
    that adds a part to the same parts takes them over rather than finding them again."""

    def __init__(self) -> None:
        self.blocks: dict[int, QTextBlockFormat] = {}
        self.tables: dict[int, QTextTableFormat] = {}
        self.cells: dict[tuple[int, int, int], QTextTableCellFormat] = {}

    def copy(self) -> Changes:
        other = Changes()
        other.blocks, other.tables, other.cells = (
            dict(self.blocks),
            dict(self.tables),
            dict(self.cells),
        )
        return other

    def block(self, block: QTextBlock, block_format: QTextBlockFormat) -> None:
        self.blocks[block.blockNumber()] = QTextBlockFormat(block_format)
        with edit(block.document()):
            QTextCursor(block).setBlockFormat(block_format)

    def top_margin(self, block: QTextBlock, value: float) -> None:
        block_format = QTextBlockFormat(block.blockFormat())
        block_format.setTopMargin(value)
        self.block(block, block_format)

    def table(self, index: int, table: QTextTable, table_format: QTextTableFormat) -> None:
        self.tables[index] = QTextTableFormat(table_format)
        with edit(table.document()):
            table.setFormat(table_format)

    def cell(
        self, index: int, table: QTextTable, row: int, column: int, fmt: QTextTableCellFormat
    ) -> None:
        self.cells[index, row, column] = QTextTableCellFormat(fmt)
        with edit(table.document()):
            table.cellAt(row, column).setFormat(fmt)

    def apply(self, doc: QTextDocument, items: list[Item]) -> None:
        """Make the same changes in ``doc``, whose first items match the ones noted."""
        with edit(doc):  # one layout after them all
            self._apply(doc, items)

    def _apply(self, doc: QTextDocument, items: list[Item]) -> None:
        for number, block_format in self.blocks.items():
            QTextCursor(doc.findBlockByNumber(number)).setBlockFormat(block_format)
        for index, table_format in self.tables.items():
            table = items[index]
            assert isinstance(table, QTextTable)
            table.setFormat(table_format)
        for (index, row, column), cell_format in self.cells.items():
            table = items[index]
            assert isinstance(table, QTextTable)
            table.cellAt(row, column).setFormat(cell_format)


@contextmanager
def edit(doc: QTextDocument) -> Iterator[None]:
    """Change formats in ``doc`` as one edit that Qt re-lays out lazily.

    While Qt has laid a document out only part of the way, a change is laid out from
    just before it to a step past where the layout had got, and the blocks in that step
    that are outside the changed range are moved without being laid out: they would
    have no lines. Touching the last block too makes the changed range reach the end,
    so every block Qt reaches is laid out, and the rest waits until it is asked for.
    """
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    try:
        yield
    finally:
        last = doc.lastBlock()
        QTextCursor(last).setBlockFormat(last.blockFormat())
        cursor.endEditBlock()


def same_start(before: list[Item], items: list[Item]) -> bool:
    """Whether ``items`` begin with items like ``before`` (a run and the same run with a
    part added), so the changes noted on one fit the other."""
    if not before or len(items) < len(before):
        return False
    last, other = before[-1], items[len(before) - 1]
    if isinstance(last, QTextTable) or isinstance(other, QTextTable):
        return (
            isinstance(last, QTextTable)
            and isinstance(other, QTextTable)
            and (last.firstPosition() == other.firstPosition())
        )
    return last.position() == other.position() and last.text() == other.text()


def table_height(doc: QTextDocument, table: QTextTable) -> float:
    """How tall a table is from its first line to its last (its padding aside)."""
    columns = range(table.columns())
    tops = [cell[0].top for c in columns if (cell := cell_lines(doc, table, 0, c))]
    last = table.rows() - 1
    bottoms = [cell[-1].bottom for c in columns if (cell := cell_lines(doc, table, last, c))]
    return max(bottoms) - min(tops) if tops and bottoms else 0.0
