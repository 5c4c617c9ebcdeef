"""Drawing the notes in the panes: a mark over each note's passage or item.

Marks are ``QTextEdit.ExtraSelection``\\ s: they colour the text without touching the
document, so citation links keep working under a highlight. A pane's marks are drawn
when it is shown, and again after a change; the panes not on screen are only marked
stale. A new dossier's marks come just after its first paint (placing thousands of
notes takes longer than a frame).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from dossier.core.notes import Placement
from dossier.core.notes.model import Annotation
from dossier.ui.notes_look import mark_format
from dossier.ui.notes_places import on_overview, placement_range, tab_of

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane

FIRST_PAINT_MS = 1000  # the notes are placed after the first paint, or after this anyway

Ranges = list[tuple[Placement, tuple[int, int]]]


class MarkPainter(QObject):
    """Draws the notes of the window's dossier in its panes; ``first_painted`` once a new
    dossier's page is on screen with its marks."""

    first_painted = Signal()

    def __init__(
        self,
        window: MainWindow,
        placements: Callable[[Dossier], list[Placement]],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._placements = placements
        self._stale: set[int] = set()  # panes whose marks must be drawn again
        self._pane_ranges: dict[int, Ranges] = {}
        self._first_paint: QWidget | None = None  # a new dossier's page, not yet painted
        self._paint_watch = _PaintWatch(lambda: QTimer.singleShot(0, self, self._painted), self)

    @property
    def ready(self) -> bool:
        """False while a new dossier's first page has not been painted yet."""
        return self._first_paint is None

    def current_pane(self) -> ReadingPane | None:
        tab = self._window.current_tab_id()
        return self._window.pane(tab) if tab is not None else None

    # -- a new dossier, new panes --------------------------------------------------------
    def forget_panes(self) -> None:
        """The dossier changed: its panes are new."""
        self._stale.clear()
        self._pane_ranges.clear()

    def wait_for_first_paint(self) -> bool:
        """Draw the marks once the page on screen has painted; False when there is none."""
        pane = self.current_pane()
        if pane is None:
            return False
        self._wait_for_paint(pane)
        # A window that is not painted (minimised, hidden) gets its notes all the same.
        QTimer.singleShot(FIRST_PAINT_MS, self, self._painted)
        return True

    def attach(self, pane: ReadingPane) -> None:
        """Draw in ``pane`` from now on (again whenever it is rendered anew)."""
        self._stale.add(id(pane))
        pane.rendered.connect(lambda p=pane: self._on_rendered(p))

    def follow_current(self) -> None:
        """Another tab is on screen: draw its marks (after the first paint, if not yet)."""
        current = self.current_pane()
        if self._first_paint is not None and current is not None:
            self._wait_for_paint(current)  # another tab was brought up before the paint
        if self._first_paint is None:
            QTimer.singleShot(0, self, self._remark_current)

    def _wait_for_paint(self, pane: ReadingPane) -> None:
        if self._first_paint is not None:
            self._first_paint.removeEventFilter(self._paint_watch)
        self._first_paint = pane.viewport()
        self._first_paint.installEventFilter(self._paint_watch)

    def _painted(self) -> None:
        """The page is on screen: place the notes, draw them, say so."""
        if self._first_paint is None:
            return  # done already
        self._first_paint.removeEventFilter(self._paint_watch)
        self._first_paint = None
        self._remark_current()
        self.first_painted.emit()

    def _on_rendered(self, pane: ReadingPane) -> None:
        self._stale.add(id(pane))
        if pane is self.current_pane() and self._first_paint is None:
            self.remark(pane)

    def _remark_current(self) -> None:
        if not self.ready:
            return  # after the first paint, then
        pane = self.current_pane()
        if pane is not None and id(pane) in self._stale:
            self.remark(pane)

    # -- drawing ---------------------------------------------------------------------------
    def remark_all(self) -> None:
        """Draw the marks again: now in the pane on screen, in the others when shown."""
        for tab in self._window.tab_ids():
            pane = self._window.pane(tab)
            if pane is not None:
                self._stale.add(id(pane))
        pane = self.current_pane()
        if pane is not None:
            self.remark(pane)

    def remark(self, pane: ReadingPane) -> None:
        """Draw the annotations of the pane's dossier that stand in it."""
        dossier = self._window.current_dossier
        if dossier is None or not pane.is_rendered:
            return
        self._stale.discard(id(pane))
        dark = self._window.theme.dark
        marks = []
        # Whole-item marks first: a quoted highlight inside the item paints over them.
        ranges = sorted(self._compute_ranges(pane, dossier), key=lambda pr: pr[0].start is not None)
        self._pane_ranges[id(pane)] = ranges
        for placement, (start, end) in ranges:
            cursor = QTextCursor(pane.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark_format(placement.annotation, dark, placement.start is None)
            marks.append(selection)
        pane.set_note_marks(marks)

    def _compute_ranges(self, pane: ReadingPane, dossier: Dossier) -> Ranges:
        found = []
        texts: dict[int, tuple[str, list[int]]] = {}  # many notes share an item
        for placement in self._placements(dossier):
            if placement.orphan or (
                tab_of(dossier, placement) != pane.tab_id and not on_overview(pane, placement)
            ):
                continue
            where = placement_range(pane, dossier, placement, texts)
            if where is not None:
                found.append((placement, where))
        return found

    def annotation_at(self, pane: ReadingPane, position: int) -> Annotation | None:
        """The annotation whose mark covers ``position`` in ``pane`` (quoted ones first)."""
        if self._window.current_dossier is None:
            return None
        if id(pane) in self._stale or id(pane) not in self._pane_ranges:
            self.remark(pane)
        whole: Annotation | None = None
        for placement, (start, end) in self._pane_ranges.get(id(pane), []):
            if start <= position <= end:
                if placement.start is not None:
                    return placement.annotation
                whole = whole or placement.annotation
        return whole


class _PaintWatch(QObject):
    """Calls back when the widget it watches paints."""

    def __init__(self, then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._then()
        return False
