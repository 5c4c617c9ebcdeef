"""A section's tab when the section has dated events: its own timeline above its page.

The strip (:class:`dossier.ui.pictures.strip.SectionTimeline`) is built when the tab is
first shown, from the section's events alone, after the page's first piece is set: it
never waits for the rest of a long page. It takes its natural height, but never more
than a third of the tab, so the text keeps most of a small window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from dossier.ui.panes import ReadingPane

if TYPE_CHECKING:
    from dossier.core.pictures.timeline import Timeline
    from dossier.ui.pictures.strip import SectionTimeline

STRIP_SHARE = 0.34  # of the tab's height, at most, for the timeline


class SectionPage(QWidget):
    """The section's timeline strip, then its reading pane (which takes the focus)."""

    item_activated = Signal(str)  # an event of the strip, to be shown in the pane
    strip_toggled = Signal(bool)  # the reader showed or hid the strip

    def __init__(
        self,
        pane: ReadingPane,
        timeline: Callable[[], Timeline],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self._timeline = timeline
        self._title = title
        self._shown = True
        self.strip: SectionTimeline | None = None
        self.setFocusProxy(pane)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(pane, 1)

    def ensure_rendered(self) -> None:
        """Set the page (see :meth:`ReadingPane.ensure_rendered`), then the strip."""
        self.pane.ensure_rendered()
        if self.strip is None:
            self._build_strip()

    def set_strip_shown(self, on: bool) -> None:
        """Show or hide the strip (its switch stays, to show it again)."""
        self._shown = on
        if self.strip is not None:
            self.strip.set_shown(on)

    def _build_strip(self) -> None:
        from dossier.ui.pictures.strip import SectionTimeline

        strip = SectionTimeline(self._timeline(), self._title)
        strip.set_shown(self._shown)
        strip.item_activated.connect(self.item_activated)
        strip.shown_changed.connect(self._on_strip_toggled)
        rule = QFrame()  # between the picture and the page's text, in a quiet colour
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(QPalette.ColorRole.Mid)
        self._layout.insertWidget(0, strip)
        self._layout.insertWidget(1, rule)
        QWidget.setTabOrder(strip.canvas, self.pane)  # the strip, then the page
        self.strip = strip
        self._fit_strip()

    def _on_strip_toggled(self, on: bool) -> None:
        self._shown = on
        self.strip_toggled.emit(on)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_strip()

    def _fit_strip(self) -> None:
        if self.strip is not None:
            self.strip.set_body_room(int(self.height() * STRIP_SHARE))
