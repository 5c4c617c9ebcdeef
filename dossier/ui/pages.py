"""The tabs of a dossier: the overview, one per section in file order, one per source.

Tab ids come from :mod:`dossier.core.anchors`. Pages render on first show (see
:class:`dossier.ui.panes.ReadingPane`); the panes and the HTML renderer are imported
with the first dossier, after the window's first paint; the Pictures tab's view (and
the drawing code it imports) is built when the reader first opens that tab.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from dossier.core import anchors

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.core.pictures.timeline import Timeline
    from dossier.ui.panes import Cite, ReadingPane
    from dossier.ui.pictures import PicturesView
    from dossier.ui.section_page import SectionPage
    from dossier.ui.theme import Theme

OVERVIEW = anchors.OVERVIEW
source_tab = anchors.source

#: The most characters a tab's text shows; the full title is in the tab's tooltip, so a
#: 5,000-character section title cannot fill the tab bar and hide the other tabs.
TAB_TEXT_LIMIT = 40


def tab_label(text: str, limit: int = TAB_TEXT_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis when longer."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def tab_for_anchor(dossier: Dossier, anchor: str) -> str:
    """The tab an anchor lives on (``politics/point/3``, ``source:ID/12``, ``section/ID``);
    the overview for anything else."""
    return anchors.tab_of(anchor, {s.id for s in dossier.sections})


class PicturesTab(QWidget):
    """The Pictures tab's page: it builds its :class:`PicturesView` when first drawn,
    so opening a dossier pays neither for the charts nor for the code that draws them."""

    item_activated = Signal(str)  # an item's anchor, asked for from a picture

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: PicturesView | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def draw(self, dossier: Dossier) -> None:
        """Show ``dossier``'s pictures, building the view the first time."""
        if self.view is None:
            from dossier.ui.pictures import PicturesView

            self.view = PicturesView()
            self.view.item_activated.connect(self.item_activated)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.view)
        self.view.set_dossier(dossier)


class DossierPages(QTabWidget):
    """One reading pane per tab (a section with dated events has its own timeline above
    it); it forwards what the reader asks of the pages: a citation or a place followed,
    zoom, Back and Forward, the tab shown, and the section timelines shown or hidden."""

    citation_activated = Signal(str, int, int, int)  # source id, paragraph, start, end
    place_activated = Signal(str)  # the anchor of a place in the dossier shown
    zoom_requested = Signal(int)  # steps (Ctrl+wheel over a page)
    history_requested = Signal(int)  # the mouse's Back (-1) or Forward (1) button
    tab_shown = Signal(str)  # the reader brought a tab to the front
    section_timeline_toggled = Signal(bool)  # the reader showed or hid the section timelines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes: dict[str, ReadingPane] = {}
        self._sections: dict[str, SectionPage] = {}  # the tabs with a timeline strip
        self._strips_shown = True
        self._pictures: PicturesTab | None = None  # drawn when first shown
        self._pictures_of: Dossier | None = None
        self._building = False
        self.setDocumentMode(True)
        self.setAccessibleName("Dossier pages")
        self.setUsesScrollButtons(True)
        self.currentChanged.connect(self._on_tab_changed)

    # -- building ------------------------------------------------------------------------
    def show_dossier(self, dossier: Dossier, theme: Theme) -> None:
        """Replace the tabs with those of ``dossier``, on its overview."""
        from dossier.core import citing
        from dossier.core.html import pages as html

        cite = partial(citing.with_citation, dossier)
        self._building = True
        try:
            self._remove_tabs()
            self._add_pane(
                OVERVIEW,
                "Overview",
                dossier.title,
                lambda: html.overview_html(dossier),
                theme,
                cite=cite,
            )
            for section in dossier.sections:
                self._add_pane(
                    section.id,
                    section.title,
                    section.title,
                    partial(html.section_html, dossier, section),
                    theme,
                    cite=cite,
                    timeline=partial(_section_timeline, dossier, section.id)
                    if section.events
                    else None,
                )
            self._add_pictures(dossier)
            for source in dossier.sources:
                label = "Source" if len(dossier.sources) == 1 else f"Source: {source.id}"
                self._add_pane(
                    source_tab(source.id),
                    label,
                    f"{source.title}\n{html.source_path_text(dossier, source)}",
                    partial(html.source_html, dossier, source),
                    theme,
                    cite=cite,
                )
        finally:
            self._building = False
        self.setCurrentIndex(0)
        self._on_tab_changed(0)

    def clear_pages(self) -> None:
        """Remove every tab (nothing is open)."""
        self._building = True
        try:
            self._remove_tabs()
        finally:
            self._building = False

    def set_theme(self, theme: Theme) -> None:
        """New colours or type size for every page."""
        for pane in self._panes.values():
            pane.set_theme(theme)

    def set_section_timelines_shown(self, on: bool) -> None:
        """Show or hide every section's timeline strip (each keeps its switch)."""
        self._strips_shown = on
        for page in self._sections.values():
            page.set_strip_shown(on)

    def section_page(self, tab_id: str) -> SectionPage | None:
        """The tab of a section with dated events (None for any other tab)."""
        return self._sections.get(tab_id)

    def _on_strip_toggled(self, on: bool) -> None:
        self.set_section_timelines_shown(on)  # the same in every section
        self.section_timeline_toggled.emit(on)

    def _remove_tabs(self) -> None:
        while self.count():
            widget = self.widget(0)
            self.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self._panes = {}
        self._sections = {}
        self._pictures = self._pictures_of = None

    def _add_pictures(self, dossier: Dossier) -> None:
        """The Pictures tab; its charts are built when the reader first opens it."""
        view = PicturesTab()
        view.setAccessibleName("Pictures page")
        view.item_activated.connect(self.place_activated)
        index = self.addTab(view, "Pictures")
        self.setTabToolTip(index, "Timeline, map, who works with whom, and the figures")
        self._pictures, self._pictures_of = view, dossier

    def _ensure_pictures(self) -> None:
        if self._pictures is not None and self._pictures_of is not None:
            self._pictures.draw(self._pictures_of)
            self._pictures_of = None

    def _add_pane(
        self,
        tab_id: str,
        label: str,
        tip: str,
        render: Callable[[], str],
        theme: Theme,
        *,
        cite: Cite,
        timeline: Callable[[], Timeline] | None = None,
    ) -> None:
        """A tab with its reading pane; with ``timeline``, the section's timeline above."""
        from dossier.ui.panes import ReadingPane

        pane = ReadingPane(tab_id, render, theme, cite=cite)
        pane.setAccessibleName(f"{label} page")
        pane.citation_activated.connect(self.citation_activated)
        pane.place_activated.connect(self.place_activated)
        pane.zoom_requested.connect(self.zoom_requested)
        tab: QWidget = pane
        if timeline is not None:
            from dossier.ui.section_page import SectionPage

            page = SectionPage(pane, timeline, label)
            page.set_strip_shown(self._strips_shown)
            page.item_activated.connect(self.place_activated)
            page.strip_toggled.connect(self._on_strip_toggled)
            self._sections[tab_id] = page
            tab = page
        index = self.addTab(tab, tab_label(label))
        self.setTabToolTip(index, QtGui.Qt.convertFromPlainText(tip))  # dossier text
        self._panes[tab_id] = pane

    # -- finding and showing -------------------------------------------------------------
    def tab_ids(self) -> list[str]:
        """The ids of the tabs, in order."""
        return [tab for tab in map(self._tab_id_of, map(self.widget, range(self.count()))) if tab]

    def pane(self, tab_id: str) -> ReadingPane | None:
        """The pane of a tab (None when there is no such tab)."""
        return self._panes.get(tab_id)

    def current_tab_id(self) -> str | None:
        return self._tab_id_of(self.currentWidget())

    def _tab_id_of(self, widget: QWidget | None) -> str | None:
        if widget is not None and widget is self._pictures:
            return anchors.PICTURES
        for tab_id, pane in self._panes.items():
            if widget is pane or widget is self._sections.get(tab_id):
                return tab_id
        return None

    def _render(self, tab_id: str) -> None:
        """Set the tab's page (and a section's timeline) if it is not yet."""
        page = self._sections.get(tab_id)
        if page is not None:
            page.ensure_rendered()
        else:
            self._panes[tab_id].ensure_rendered()

    def select(self, tab_id: str) -> bool:
        """Show a tab by id; False when there is none."""
        if tab_id == anchors.PICTURES and self._pictures is not None:
            self.setCurrentWidget(self._pictures)
            self._ensure_pictures()
            return True
        pane = self._panes.get(tab_id)
        if pane is None:
            return False
        self.setCurrentWidget(self._sections.get(tab_id) or pane)
        self._render(tab_id)
        return True

    def select_index(self, index: int) -> None:
        """Show the tab at ``index`` (if there is one; -1 is the last) and give it the
        keyboard."""
        if index < 0:
            index += self.count()
        if 0 <= index < self.count():
            self.setCurrentIndex(index)
            self.currentWidget().setFocus()

    def focus_page(self) -> None:
        """Give the keyboard to the page shown (if any)."""
        pane = self.currentWidget()
        if pane is not None:
            pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The mouse's Back and Forward buttons, over a page (which leaves them to us)
        or the tab bar."""
        step = {Qt.MouseButton.BackButton: -1, Qt.MouseButton.ForwardButton: 1}.get(event.button())
        if step is None:
            super().mousePressEvent(event)
            return
        event.accept()
        self.history_requested.emit(step)

    def step(self, step: int) -> None:
        """Show the next (1) or previous (-1) tab, wrapping around."""
        count = self.count()
        if count:
            self.select_index((self.currentIndex() + step) % count)

    def _on_tab_changed(self, index: int) -> None:
        if self._building:
            return
        tab_id = self._tab_id_of(self.widget(index))
        if tab_id == anchors.PICTURES:
            self._ensure_pictures()
        elif tab_id is not None:
            self._render(tab_id)
        if tab_id is not None:
            self.tab_shown.emit(tab_id)


def _section_timeline(dossier: Dossier, section_id: str) -> Timeline:
    """The timeline of one section's events (built when its tab is first shown)."""
    from dossier.core.pictures.timeline import build_timeline

    return build_timeline(dossier, section_id)
