"""A reading pane: one page of briefing content, with citation links and highlights.

A long page (a section of thousands of points) is set in pieces: the first at once,
the others one per turn of the event loop, so its tab paints at once and the window
never freezes; whatever needs the whole page (an anchor, the notes) waits for it.

A pane never loads anything from outside: links are not followed by Qt (the pane says
which citation or place was asked for, and the navigator goes there) and
``loadResource`` refuses every resource, so no image or style sheet is ever fetched,
local or remote.

Ctrl+wheel is forwarded as the window's zoom (the mouse's Back and Forward buttons
pass on to the tabs, which forward them). Copying gives clean text; Copy with
Citation adds where the text stands in the sources (:mod:`dossier.core.citing`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QTextEdit, QToolTip, QWidget

from dossier.core import anchors, citing
from dossier.export.textdoc import distinct_anchors, html_chunks
from dossier.ui import page_selection
from dossier.ui.focus_frame import FocusFrame
from dossier.ui.theme import Theme, body_font, measure_px

log = logging.getLogger("dossier.ui")

MIN_SIDE_MARGIN = 28
TOP_MARGIN = 18
BOTTOM_MARGIN = 56
WHEEL_STEP = 120  # angle delta of one notch of a mouse wheel (1/8 degree units)
COPY_WITH_CITATION = QKeySequence("Ctrl+Shift+C")
SOURCE_FURNITURE = (0, 1)  # of a source's paragraph table: the number and the Q/A turn

# Cites the selected text: (text, the anchors of the places it touches) -> text to paste.
Cite = Callable[[str, list[str]], str]


class ReadingPane(QTextBrowser):
    """A page of the dossier (overview, section or source), rendered on demand."""

    citation_activated = Signal(str, int, int, int)  # source id, paragraph, start, end
    place_activated = Signal(str)  # the anchor of a place in the same dossier
    zoom_requested = Signal(int)  # steps: Ctrl+wheel, up is positive
    rendered = Signal()  # the page was (re)built: marks drawn on it must be drawn again
    # (for a long page, when its last piece is in)

    def __init__(
        self,
        tab_id: str,
        render: Callable[[], str],
        theme: Theme,
        parent: QWidget | None = None,
        *,
        cite: Cite | None = None,
    ) -> None:
        super().__init__(parent)
        self.tab_id = tab_id
        self._render = render
        self._theme = theme
        self._cite = cite
        self._rendered = False
        self._pieces: list[str] = []  # the page's pieces still to set (a long page)
        self._scroll_ratio = 0.0  # where the reader was when the page was set again
        self._anchors: dict[str, int] | None = None
        self._wheel_zoom = 0  # angle delta not yet turned into a zoom step
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
        self.focus_frame = FocusFrame(self)
        self.copy_citation_action = QAction("Copy with &Citation", self)
        self.copy_citation_action.setShortcut(COPY_WITH_CITATION)
        self.copy_citation_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_citation_action.setStatusTip("Copy the selection with its source and ¶")
        self.copy_citation_action.triggered.connect(self.copy_with_citation)
        self.addAction(self.copy_citation_action)

    # -- rendering -----------------------------------------------------------------------
    def ensure_rendered(self) -> None:
        """Start rendering the page if it has not been, or if its theme changed; a
        long page's other pieces follow (see :meth:`finish_rendering`)."""
        if self._rendered or self._pieces:
            return
        bar = self.verticalScrollBar()
        self._scroll_ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        document = self.document()
        document.setDefaultFont(body_font(self._theme.base_pt))
        document.setDefaultStyleSheet(self._theme.stylesheet())
        first, *self._pieces = html_chunks(self._render())
        self._anchors = None
        self.setHtml(distinct_anchors(first))
        self._apply_margins()
        if self._pieces:
            QTimer.singleShot(0, self, self._set_next_piece)
        else:
            self._rendered_all()

    def finish_rendering(self) -> None:
        """Set the rest of a long page now (something needs the whole page)."""
        self.ensure_rendered()
        while self._pieces:
            self._set_next_piece()

    def _set_next_piece(self) -> None:
        if not self._pieces:
            return  # set already, by finish_rendering or a new render
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        # A new block first, or the piece's first item would join the last one's text.
        cursor.insertBlock()
        cursor.insertHtml(distinct_anchors(self._pieces.pop(0)))
        if self._pieces:
            QTimer.singleShot(0, self, self._set_next_piece)
        else:
            self._rendered_all()

    def _rendered_all(self) -> None:
        self._anchors = None
        self._rendered = True
        if self._scroll_ratio:
            bar = self.verticalScrollBar()
            bar.setValue(round(self._scroll_ratio * bar.maximum()))
        self.rendered.emit()

    @property
    def is_rendered(self) -> bool:
        """Whether the whole page is set (a long one is set in pieces)."""
        return self._rendered

    def set_theme(self, theme: Theme) -> None:
        """Use new colours or a new size; visible panes render again at once."""
        if theme == self._theme:
            return
        self._theme = theme
        self._rendered = False
        self._pieces = []  # the pieces of the old look are not wanted
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

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips over links only: the text of a long page carries its anchor's name
        as a tooltip (see :func:`dossier.export.textdoc.distinct_anchors`)."""
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(event, QHelpEvent)
            and not self.anchorAt(event.pos())
        ):
            QToolTip.hideText()
            event.accept()  # an ignored tooltip event would go on to the pane, which shows it
            return True
        return super().viewportEvent(event)

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        cited = anchors.parse_cite_href(href)
        if cited is not None:
            self.citation_activated.emit(*cited)
            return
        place = anchors.parse_go_href(href)
        if place is not None:
            self.place_activated.emit(place)
            return
        log.info("ignored a link that is neither a citation nor a place: %s", href)

    # -- what the reader asks of the page --------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms the window (QTextEdit's own zoom would grow only the text
        the style sheet gives no size, and Ctrl+0 would not undo it)."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        event.accept()
        self._wheel_zoom += event.angleDelta().y()
        steps = int(self._wheel_zoom / WHEEL_STEP)  # towards zero: a touchpad adds up
        if steps:
            self._wheel_zoom -= steps * WHEEL_STEP
            self.zoom_requested.emit(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Home and Ctrl+End go to the top and the end of the page."""
        bar = self.verticalScrollBar()
        if event.matches(QKeySequence.StandardKey.MoveToStartOfDocument):
            bar.setValue(bar.minimum())
        elif event.matches(QKeySequence.StandardKey.MoveToEndOfDocument):
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go to the next and previous link from the cursor.

        With nothing selected, Qt starts from the top (or the end) of the page, so the
        first Tab after a search result or a citation was followed jumped away from it.
        A one-character selection beside the cursor makes it start from there.
        """
        cursor = self.textCursor()
        position, last = cursor.position(), self.document().characterCount() - 1
        if not cursor.hasSelection() and (position > 0 if next else position < last):
            beside = QTextCursor(self.document())
            beside.setPosition(position - 1 if next else position + 1)
            beside.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(beside)
        return super().focusNextPrevChild(next)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt's menu (Copy, Select All), with Copy with Citation after Copy."""
        menu = self.createStandardContextMenu(event.pos())
        self.copy_citation_action.setEnabled(
            self._cite is not None and self.textCursor().hasSelection()
        )
        actions = menu.actions()
        names = [action.objectName() for action in actions]
        after = names.index("edit-copy") + 1 if "edit-copy" in names else len(actions)
        if after < len(actions):
            menu.insertAction(actions[after], self.copy_citation_action)
        else:
            menu.addAction(self.copy_citation_action)
        menu.exec(event.globalPos())
        menu.deleteLater()
        self.copy_citation_action.setEnabled(True)  # the shortcut checks for itself

    # -- copying ---------------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:
        """The selection as clean plain text (no blank first line, no bare ¶ markers)."""
        data = QMimeData()
        data.setText(citing.plain_copy(self.selected_lines()))
        return data

    def copy_with_citation(self) -> None:
        """Copy the selection followed by its source and paragraphs, for talking points."""
        cursor = self.textCursor()
        if self._cite is None or not cursor.hasSelection():
            return
        text = self._cite(self.selected_lines(), self.anchors_in_selection())
        clipboard = QApplication.clipboard()
        clipboard.setText(text)

    def selected_lines(self) -> str:
        """The selection as lines (:func:`page_selection.selected_lines`); on a source's
        page without the numbers and Q/A turns beside the paragraphs: a citation names
        the paragraphs."""
        cursor = self.textCursor()
        skip = SOURCE_FURNITURE if anchors.is_source_tab(self.tab_id) else ()
        return page_selection.selected_lines(
            self.document(), cursor.selectionStart(), cursor.selectionEnd(), skip
        )

    def anchors_in_selection(self) -> list[str]:
        """The anchors of the places the selection touches, in page order."""
        cursor = self.textCursor()
        return page_selection.anchors_touched(
            self.document(), cursor.selectionStart(), cursor.selectionEnd()
        )

    # -- anchors and highlights ----------------------------------------------------------
    def anchor_position(self, name: str) -> int | None:
        """The document position of a named anchor, or None."""
        self.finish_rendering()
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
        self._put_cursor(block.position() + start)
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
        self._put_cursor(position)
        self.scroll_to_position(position)
        return True

    def _put_cursor(self, position: int) -> None:
        # Where the reader was taken, the keyboard goes on from (Tab to the next link)
        # and a note or bookmark without a selection lands: not on a link the cursor
        # was left on before.
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)

    def highlighted_text(self) -> str:
        """The text currently marked (empty when nothing is)."""
        return "".join(s.cursor.selectedText() for s in self.extraSelections())

    def clear_highlight(self) -> None:
        self.setExtraSelections([])

    # The reader's notes (dossier.ui.notes_marks) are drawn beneath the passage or item
    # marked above; extraSelections() answers for that mark alone.
    def setExtraSelections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        self._marks = list(selections)
        super().setExtraSelections(self._note_marks + self._marks)

    def extraSelections(self) -> list[QTextEdit.ExtraSelection]:
        return list(self._marks)

    def set_note_marks(self, marks: list[QTextEdit.ExtraSelection]) -> None:
        self._note_marks = list(marks)
        super().setExtraSelections(self._note_marks + self._marks)
