"""A reading pane: one page of briefing content, with citation links and highlights.

A pane never loads anything from outside: links are not followed by Qt (the window
decides what a click means) and ``loadResource`` refuses every resource, so no image
or style sheet is ever fetched, local or remote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QResizeEvent, QTextCharFormat, QTextCursor, QTextFormat, QTextOption
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from dossier.core import anchors
from dossier.ui.theme import Theme, body_font, measure_px

log = logging.getLogger("dossier.ui")

MIN_SIDE_MARGIN = 28
TOP_MARGIN = 18
BOTTOM_MARGIN = 56


class ReadingPane(QTextBrowser):
    """A page of the dossier (overview, section or source), rendered on demand."""

    citation_activated = Signal(str, int, int, int)  # source id, paragraph, start, end
    rendered = Signal()  # the page was (re)built: marks drawn on it must be drawn again

    def __init__(
        self, tab_id: str, render: Callable[[], str], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tab_id = tab_id
        self._render = render
        self._theme = theme
        self._rendered = False
        self._anchors: dict[str, int] | None = None
        self.refused_resources: list[str] = []
        self._marks: list[QTextEdit.ExtraSelection] = []  # a passage or item shown
        self._note_marks: list[QTextEdit.ExtraSelection] = []  # the reader's notes, beneath
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)  # a dropped file goes to the window, which opens it
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        # Break lines between words only: a narrow table column widens rather than
        # splitting "million" into "mil" and "lion", as it would by default.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.anchorClicked.connect(self._on_anchor)
        self.setAccessibleName(f"Page {tab_id}")

    # -- rendering -----------------------------------------------------------------------
    def ensure_rendered(self) -> None:
        """Render the page if it has not been, or if its theme changed."""
        if self._rendered:
            return
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        document = self.document()
        document.setDefaultFont(body_font(self._theme.base_pt))
        document.setDefaultStyleSheet(self._theme.stylesheet())
        self.setHtml(self._render())
        self._anchors = None
        self._rendered = True
        self._apply_margins()
        if ratio:
            bar.setValue(round(ratio * bar.maximum()))
        self.rendered.emit()

    @property
    def is_rendered(self) -> bool:
        return self._rendered

    def set_theme(self, theme: Theme) -> None:
        """Use new colours or a new size; visible panes render again at once."""
        if theme == self._theme:
            return
        self._theme = theme
        self._rendered = False
        if self.isVisible():
            self.ensure_rendered()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()

    def _apply_margins(self) -> None:
        """Keep lines to a readable measure by widening the page's side margins."""
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, int((width - measure_px(self._theme.base_pt)) / 2))
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() == side and fmt.topMargin() == TOP_MARGIN:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(TOP_MARGIN)
        fmt.setBottomMargin(BOTTOM_MARGIN)
        frame.setFrameFormat(fmt)

    # -- safety --------------------------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Refuse every resource: a page is self-contained text."""
        text = name.toString() if isinstance(name, QUrl) else str(name)
        self.refused_resources.append(text)
        log.info("refused to load a resource: %s", text)
        return None

    def _on_anchor(self, url: QUrl) -> None:
        parsed = anchors.parse_cite_href(url.toString())
        if parsed is None:
            log.info("ignored a link that is not a citation: %s", url.toString())
            return
        self.citation_activated.emit(*parsed)

    # -- anchors and highlights ----------------------------------------------------------
    def anchor_position(self, name: str) -> int | None:
        """The document position of a named anchor, or None."""
        self.ensure_rendered()
        if self._anchors is None:
            found: dict[str, int] = {}
            block = self.document().begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    for anchor in fragment.charFormat().anchorNames():
                        found.setdefault(anchor, fragment.position())
                    it += 1
                block = block.next()
            self._anchors = found
        return self._anchors.get(name)

    def scroll_to_position(self, position: int, fraction: float = 0.22) -> None:
        """Scroll so that ``position`` sits ``fraction`` of the way down the viewport."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        target = bar.value() + rect.top() - int(self.viewport().height() * fraction)
        bar.setValue(max(0, min(bar.maximum(), target)))

    def highlight_passage(self, anchor: str, start: int, end: int) -> bool:
        """Mark ``start``..``end`` of the block at ``anchor`` and scroll to it."""
        position = self.anchor_position(anchor)
        if position is None:
            return False
        block = self.document().findBlock(position)
        length = len(block.text())
        start, end = max(0, min(start, length)), max(0, min(end, length))
        cursor = QTextCursor(self.document())
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(self._theme.passage)
        selection.format = fmt
        self.setExtraSelections([selection])
        self.scroll_to_position(block.position())
        return True

    def highlight_item(self, anchor: str) -> bool:
        """Mark the block an item starts in (full width) and scroll to it."""
        position = self.anchor_position(anchor)
        if position is None:
            return False
        cursor = QTextCursor(self.document().findBlock(position))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(self._theme.item)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        self.setExtraSelections([selection])
        self.scroll_to_position(position)
        return True

    def highlighted_text(self) -> str:
        """The text currently marked (empty when nothing is)."""
        return "".join(s.cursor.selectedText() for s in self.extraSelections())

    def clear_highlight(self) -> None:
        self.setExtraSelections([])

    # The reader's notes (dossier.ui.annotate) are drawn beneath the passage or item
    # marked above; extraSelections() answers for that mark alone.
    def setExtraSelections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        self._marks = list(selections)
        super().setExtraSelections(self._note_marks + self._marks)

    def extraSelections(self) -> list[QTextEdit.ExtraSelection]:
        return list(self._marks)

    def set_note_marks(self, marks: list[QTextEdit.ExtraSelection]) -> None:
        self._note_marks = list(marks)
        super().setExtraSelections(self._note_marks + self._marks)
