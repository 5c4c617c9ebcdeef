"""A note's text as the tooltip of its mark.

Installed on each pane's viewport. Over a ¶ link the link's own tooltip (its quote)
wins; over a mark that carries a note or tags, the note and its tags show.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip, QWidget

from dossier.core.notes.model import Annotation

if TYPE_CHECKING:
    from dossier.ui.panes import ReadingPane


class NoteTips(QObject):
    """Shows the note under the mouse; ``annotation_at`` finds it in a pane."""

    def __init__(
        self, annotation_at: Callable[[ReadingPane, int], Annotation | None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._annotation_at = annotation_at

    def watch(self, pane: ReadingPane) -> None:
        pane.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._show_note_tip(watched, event)
        return False

    def _show_note_tip(self, viewport: QObject, event: QHelpEvent) -> bool:
        """Over a note's mark (not over a ¶ link, whose tooltip is its quote): the note."""
        from dossier.ui.panes import ReadingPane

        pane = viewport.parent()
        if not isinstance(pane, ReadingPane) or not isinstance(viewport, QWidget):
            return False
        if pane.anchorAt(event.pos()):
            return False
        found = self._annotation_at(pane, pane.cursorForPosition(event.pos()).position())
        if found is None or not (found.body or found.tags):
            return False
        tags = "  ".join(f"#{t}" for t in found.tags)
        lines = "\n".join(part for part in (found.body, tags) if part)
        # Given as HTML, escaped: Qt would guess whether plain text is markup.
        text = "<p>" + html.escape(lines).replace("\n", "<br/>") + "</p>"
        QToolTip.showText(event.globalPos(), text, viewport)
        return True
