"""The search panel's result rows: grouped by section in a model, drawn as rich text.

A row shows a result's kind, its snippet with the matched words marked, and its ¶;
it names no colour, so the delegate styles it for the palette and state it paints in.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtGui import Qt as GuiQt  # QtCore's Qt plus the text helpers of QtGui
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from dossier.ui.theme import RowColors, row_colors

if TYPE_CHECKING:
    from dossier.core.search import SearchResult, SearchResults

KIND_LABELS = {
    "entity": "Entity",
    "point": "Point",
    "figure": "Figure",
    "event": "Event",
    "quote": "Quote",
    "overview": "Summary",
    "section": "Section summary",
    "paragraph": "Source",
    "note": "Note",  # the reader's own (dossier.ui.notes_search)
}

MUTED_CLASS = "muted"  # the kind label and the paragraph number of a row

# Item data roles of result rows.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchResult (None on a group row)
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the row as rich text


@dataclass(frozen=True)
class _Group:
    key: tuple[str, str]
    title: str


def _group_of(result: SearchResult, several: bool) -> _Group:
    if result.section_title:
        place = result.section_title
    elif result.kind == "paragraph":
        place = "Source"
    else:
        place = "Overview"
    title = f"{result.dossier_title} › {place}" if several else place
    return _Group((result.dossier_id, result.section_id or result.kind), title)


def row_html(result: SearchResult) -> str:
    """A result as rich text: its kind, its snippet (matches in ``<b>``, text escaped), ¶.

    It names no colour: the delegate styles the parts (:func:`row_css`) for the palette
    and the state it paints in, so a switch to dark or a selection recolours them.
    """
    kind = _html.escape(KIND_LABELS.get(result.kind, result.kind))
    marker = ""
    if result.marker:
        marker = f' <span class="{MUTED_CLASS}">{_html.escape(result.marker)}</span>'
    from dossier.core.search.snippet import to_html  # light; the index stays unloaded

    snippet = to_html(result.snippet)
    return f'<span class="{MUTED_CLASS}">{kind}</span>&nbsp; {snippet}{marker}'


def row_css(colors: RowColors) -> str:
    """The style sheet of a result row: muted kind and ¶, matched words marked."""
    muted = colors.muted.name()
    back, text = colors.mark_back.name(), colors.mark_text.name()
    return f".{MUTED_CLASS} {{ color: {muted}; }} b {{ color: {text}; background-color: {back}; }}"


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as it is: Qt takes a tooltip that looks like
    HTML for rich text, and dossier text (a title of ``<img src=…>``) must not render."""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


class RichDelegate(QStyledItemDelegate):
    """Draws result rows as wrapped rich text, group rows as they are."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def document(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: float,
    ) -> QTextDocument:
        """The row as laid out and coloured for ``option`` (its palette, font, state)."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setDefaultStyleSheet(row_css(row_colors(option.palette, selected=selected)))
        document.setHtml(str(index.data(HTML_ROLE)))
        document.setTextWidth(max(40.0, width))
        return document

    def row_document(
        self, index: QModelIndex | QPersistentModelIndex, *, selected: bool = False
    ) -> QTextDocument:
        """The rich text the row at ``index`` is painted from now, selected or not."""
        option = QStyleOptionViewItem()
        option.initFrom(self._view.viewport())
        option.font = self._view.font()
        option.palette = self._view.palette()
        if selected:
            option.state |= QStyle.StateFlag.State_Selected
        width = self._view.viewport().width() - self._view.indentation()
        return self.document(option, index, width)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_color = QPalette.ColorRole.Text
        if option.state & QStyle.StateFlag.State_Selected:
            text_color = QPalette.ColorRole.HighlightedText
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self.document(option, index, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setPen(option.palette.color(text_color))
        layout = document.documentLayout()
        paint_context = QAbstractTextDocumentLayout.PaintContext()
        paint_context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(text_color))
        paint_context.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        layout.draw(painter, paint_context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        width = self._view.viewport().width() - self._view.indentation()
        document = self.document(option, index, width)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


def fill(model: QStandardItemModel, found: SearchResults) -> None:
    """Put ``found`` in ``model``: a bold group row per section, its results below."""
    several = len({result.dossier_id for result in found.results}) > 1
    groups: dict[tuple[str, str], QStandardItem] = {}
    root = model.invisibleRootItem()
    for result in found.results:
        group = _group_of(result, several)
        parent = groups.get(group.key)
        if parent is None:
            parent = _group_row(group.title)
            groups[group.key] = parent
            root.appendRow(parent)
        parent.appendRow(_result_row(result))


def _group_row(title: str) -> QStandardItem:
    row = QStandardItem(title)
    row.setSelectable(False)
    row.setEditable(False)
    font = row.font()
    font.setBold(True)
    row.setFont(font)
    row.setAccessibleText(f"Group: {title}")
    return row


def _result_row(result: SearchResult) -> QStandardItem:
    row = QStandardItem()
    row.setEditable(False)
    plain = f"{KIND_LABELS.get(result.kind, result.kind)}: {result.text}"
    if result.marker:
        plain += f" ({result.marker})"
    row.setData(plain, Qt.ItemDataRole.DisplayRole)
    row.setData(plain, Qt.ItemDataRole.AccessibleTextRole)
    row.setData(result, RESULT_ROLE)
    row.setData(row_html(result), HTML_ROLE)
    row.setToolTip(plain_tooltip(f"{result.dossier_title} — {result.anchor}"))
    return row


def count_text(found: SearchResults) -> str:
    """What the count line says of ``found``: how many matched and how many show."""
    if not found.results:
        if found.query.empty and found.query.section is not None:
            return f"Type words to look for in section ‘{found.query.section}’"
        if found.no_section:
            return f"There is no section ‘{found.query.section}’"
        what = "Nothing to search for in" if found.query.empty else "No results for"
        return f"{what} ‘{found.query.text.strip()}’"
    total = f"{found.total:,}{'+' if found.capped else ''}"
    label = f"{total} result{'' if found.total == 1 else 's'}"
    if len(found.results) < found.total:
        label += f" (best {len(found.results)} shown)"
    return label


def result_indexes(model: QStandardItemModel) -> list[QModelIndex]:
    """The result rows' indexes in the order shown (group by group)."""
    out: list[QModelIndex] = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        out.extend(model.index(row, 0, parent) for row in range(model.rowCount(parent)))
    return out


def stepped(indexes: list[QModelIndex], current: QModelIndex, step: int) -> QModelIndex:
    """The result ``step`` rows on from ``current`` among ``indexes``, wrapping round
    (the first, or the last, when ``current`` is none of them)."""
    here = QPersistentModelIndex(current)
    positions = [QPersistentModelIndex(index) for index in indexes]
    if here in positions:
        position = (positions.index(here) + step) % len(indexes)
    else:
        position = 0 if step > 0 else len(indexes) - 1
    return indexes[position]
