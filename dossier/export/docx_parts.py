"""Styled paragraphs and filled tables for the Word export, at linear cost.

python-docx, asked for a paragraph style by name or object, searches every style of the
document twice on each call (to find the name, and to learn whether it is the default),
and ``Table.cell(r, c)`` builds the list of all cells of the table on each call: the
bundled briefing took 0.8 s to write, 0.3 s without them. Here each style is looked up
once and set by its id, and each table row's cells are read once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


class StyledParagraphs:
    """Adds paragraphs to ``document`` in a named style, each style looked up once."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._ids: dict[str, str] = {}

    def add(self, text: str, style: str | None = None) -> Paragraph:
        """A new paragraph at the end of the document holding ``text``, in ``style``
        (a style name such as "List Bullet" or "Heading 2"; None for Normal)."""
        paragraph = self._document.add_paragraph(text)
        if style is not None:
            style_id = self._ids.get(style)
            if style_id is None:
                style_id = self._ids[style] = self._document.styles[style].style_id
            paragraph._p.style = style_id  # the pStyle element, as paragraph.style= writes it
        return paragraph


def fill_table(
    grid: Table,
    rows: Sequence[Sequence[str]],
    header: bool,
    groups: Collection[int] = (),
) -> None:
    """``rows`` into ``grid`` (made with enough rows and columns), the first row in bold
    when it is a ``header``; each row of ``groups`` (a group's heading) one bold cell
    across the table."""
    for r, (row, grid_row) in enumerate(zip(rows, grid.rows, strict=False)):
        if r in groups:
            merged = grid_row.cells[0].merge(grid_row.cells[-1])
            merged.text = row[0]
            for run in merged.paragraphs[0].runs:
                run.bold = True
            continue
        for cell, text in zip(grid_row.cells, row, strict=False):
            cell.text = text
            if header and r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
