"""What a selection on a page holds: its text as lines, and the anchors of the places it
touches (for :mod:`dossier.core.citing` to say what they cite).

Pages are ``QTextDocument``s rendered by :mod:`dossier.core.html`: an item's anchor is in
its first block (a list item's text, a table row's first cell), so the places a selection
touches are the anchors in the blocks it covers, or in the table rows those blocks are
cells of.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextTable

from dossier.export.textdoc import block_anchors


def selected_lines(
    document: QTextDocument, start: int, end: int, skip_columns: Collection[int] = ()
) -> str:
    """The text from ``start`` to ``end`` as lines: a line a block, and the cells of a
    table row on one line, between tabs (Qt's own selected text runs cells together).
    Cells in ``skip_columns`` of any table are left out."""
    lines: list[str] = []
    row: tuple[int, int] | None = None  # (table, row) of the last line, if in a table
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        at = block.position()
        piece = block.text()[max(start, at) - at : min(end, at + block.length() - 1) - at]
        table = _table_of(block)
        if table is None:
            lines.append(piece)
            row = None
        else:
            cell = table.cellAt(at)
            if cell.column() in skip_columns:
                piece = ""
            here = (table.firstPosition(), cell.row())
            if here == row:
                lines[-1] = "\t".join(p for p in (lines[-1], piece) if p)
            else:
                lines.append(piece)
                row = here
        block = block.next()
    return "\n".join(lines)


def anchors_touched(document: QTextDocument, start: int, end: int) -> list[str]:
    """The anchors of the places the text from ``start`` to ``end`` touches, in page
    order."""
    found: dict[str, None] = {}
    block = document.findBlock(start)
    # A selection that ends where a block begins (a triple click's) holds none of it.
    while block.isValid() and (block.position() < end or block.position() == start):
        for name in _row_anchors(document, block):
            found.setdefault(name)
        block = block.next()
    return list(found)


def _row_anchors(document: QTextDocument, block: QTextBlock) -> list[str]:
    """The anchors in ``block``, or in any cell of the table row it is a cell of."""
    names = block_anchors(block)
    table = _table_of(block)
    if names or table is None:
        return names
    row = table.cellAt(block.position()).row()
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        inner = document.findBlock(cell.firstPosition())
        while inner.isValid() and inner.position() <= cell.lastPosition():
            names.extend(block_anchors(inner))
            inner = inner.next()
    return names


def _table_of(block: QTextBlock) -> QTextTable | None:
    """The table a block is in (the bindings' stubs say it is never None; it is outside)."""
    table: QTextTable | None = QTextCursor(block).currentTable()
    return table
