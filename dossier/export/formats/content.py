"""The briefing as one rich-text document, read back as paragraphs and tables.

Set from the same parts and paper style sheet as the PDF, it is what the Markdown, ODT
and DOCX writers start from, so every format says what the printed briefing says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextDocument, QTextTable

from dossier.core.briefing.parts import CONTENTS
from dossier.core.briefing.plan import Briefing
from dossier.core.text import xml_text
from dossier.export.fonts import register_fonts
from dossier.export.style import layout_dpi, stylesheet
from dossier.export.textdoc import spans_table, top_items


def content_document(briefing: Briefing) -> QTextDocument:
    """Every part but the page-numbered contents in one document, styled as on paper."""
    fonts = register_fonts()
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultStyleSheet(stylesheet(fonts, layout_dpi()))
    body = "".join(p.html for p in briefing.parts if p.kind != CONTENTS)
    # Without the control characters dossier text may hold: Word's XML refuses them,
    # Qt's ODF writer copies them into XML that is then not well-formed.
    doc.setHtml(xml_text(f"<html><body>{body}</body></html>"))
    return doc


@dataclass(frozen=True)
class Block:
    """A paragraph of the content: a heading (level 1-4), a bullet, or body text."""

    text: str
    level: int = 0
    bullet: bool = False


@dataclass(frozen=True)
class Table:
    """A table's cells as text; ``header``: the first row names the columns;
    ``groups``: the rows that span the table, each heading the rows after it."""

    rows: list[list[str]]
    header: bool
    groups: frozenset[int] = frozenset()


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").replace("\ufffc", "").split())


def content_items(doc: QTextDocument) -> Iterator[Block | Table]:
    """The document's top-level paragraphs and tables, in reading order."""
    for item in top_items(doc):
        if isinstance(item, QTextTable):
            rows = [
                [_plain(_cell_text(item, r, c)) for c in range(item.columns())]
                for r in range(item.rows())
            ]
            if _is_columned_list(item):  # a list set in columns, read down each column
                for c in range(item.columns()):
                    for row in rows:
                        if row[c]:
                            yield Block(row[c], bullet=True)
                continue
            groups = frozenset(r for r in range(item.rows()) if spans_table(item, r))
            yield Table(rows, item.format().headerRowCount() > 0, groups)
            continue
        text = _plain(item.text())
        if text:
            level = item.blockFormat().headingLevel()
            yield Block(text, level, item.textList() is not None and level == 0)


def _is_columned_list(table: QTextTable) -> bool:
    """Whether a table only sets a list in equal columns (the brief's people)."""
    widths = table.format().columnWidthConstraints()
    return (
        table.columns() == 2
        and table.format().headerRowCount() == 0
        and all(w.type() == w.Type.PercentageLength and w.rawValue() == 50 for w in widths)
    )


def _cell_text(table: QTextTable, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    if cell.row() != row or cell.column() != column:
        return ""
    texts = []
    block: QTextBlock = cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().block().blockNumber()
    while block.isValid() and block.blockNumber() <= end:
        texts.append(block.text())
        block = block.next()
    return " ".join(texts)
