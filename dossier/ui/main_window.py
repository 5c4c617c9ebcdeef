"""The main window: it wires the viewer's parts together and keeps no logic of its own.

The parts: the tabs of a dossier (:mod:`dossier.ui.pages`) and their look
(:mod:`dossier.ui.look`), opening files and folders (:mod:`dossier.ui.opening`),
following links with Back and Forward (:mod:`dossier.ui.navigation` over
:mod:`dossier.core.history`), the actions and menus (:mod:`dossier.ui.actions`), the
briefing's export and printing (:mod:`dossier.ui.briefing_actions`), what the reader
is told (:mod:`dossier.ui.messages`), work in the background
(:mod:`dossier.ui.operations`), the docks (:mod:`dossier.ui.docks`,
:mod:`dossier.ui.search_dock`), the window's small widgets
(:mod:`dossier.ui.window_widgets`) and the About box (:mod:`dossier.ui.about`).

Hooks for the features that plug in (search, export): :meth:`MainWindow.add_dock`,
:meth:`MainWindow.menu`, :attr:`MainWindow.tool_bar`, :meth:`MainWindow.reveal`, the
:attr:`MainWindow.current_dossier` property and the ``dossier_changed`` signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from dossier.core.history import Location
from dossier.ui import about, messages, operations, window_widgets
from dossier.ui.actions import WindowActions, build_menus, build_tool_bar
from dossier.ui.appearance import Appearance, appearance_menu
from dossier.ui.briefing_actions import BriefingActions
from dossier.ui.docks import add_dock, front_dock
from dossier.ui.look import PageLook, toggle_full_screen
from dossier.ui.module_sources import drop_module_sources
from dossier.ui.navigation import Navigator
from dossier.ui.opening import AfterFirstPaint, Opener
from dossier.ui.pages import DossierPages
from dossier.ui.screen_fit import resize_to_fit
from dossier.ui.settings import ViewerSettings, take_notices

if TYPE_CHECKING:  # the loader (and YAML) is imported on first open, after the first paint
    from dossier.core.library import Library
    from dossier.core.model import Dossier
    from dossier.ui.notes_panel import NotesPanel
    from dossier.ui.panes import ReadingPane
    from dossier.ui.search_panel import SearchPanel
    from dossier.ui.theme import Theme


APP_TITLE = "Dossier Viewer"
FIRST_SIZE = QSize(1200, 860)  # before any size was kept; cut to a smaller screen
ZOOM_NOTE_MS = 2000


class MainWindow(QMainWindow):
    """The viewer's window. It displays dossiers and forwards what the reader asks for."""

    dossier_changed = Signal(object)  # the Dossier now shown, or None
    library_changed = Signal(tuple)  # every open dossier (empty when none is open)

    def __init__(self, settings: ViewerSettings | None = None, *, persist: bool = True) -> None:
        super().__init__()
        self._settings = settings if settings is not None else ViewerSettings()
        self._persist = persist
        self._library: Library | None = None
        self._dossier: Dossier | None = None
        self._restored_tab = self._settings.last_tab() if persist else None

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.setAccessibleName("Dossier viewer")
        resize_to_fit(self, FIRST_SIZE)

        self.pages = DossierPages()
        self._look = PageLook(self, self._settings.zoom() if persist else 0, self.pages.set_theme)
        self.pages.tab_shown.connect(self._on_tab_shown)
        if persist:
            self.pages.set_section_timelines_shown(self._settings.section_timeline())
        self.pages.section_timeline_toggled.connect(self._on_section_timeline)
        self.navigator = Navigator(self, self.pages, self)
        self.pages.citation_activated.connect(self.navigator.go_to_citation)
        self.pages.zoom_requested.connect(lambda steps: self.set_zoom(self.zoom + steps))
        self._empty = window_widgets.empty_page()
        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self.pages)
        self.setCentralWidget(self._stack)

        self._combo = window_widgets.dossier_chooser()
        self._combo.activated.connect(self._on_combo)

        self.window_actions = WindowActions(self, self)
        self.menus = build_menus(self, self.window_actions, self._settings)
        self.appearance = Appearance(QGuiApplication.instance())  # type: ignore[arg-type]
        chosen = self._settings.appearance() if persist else "system"
        if chosen != "system":  # before the first paint: no flash of the other colours
            self.appearance.apply(chosen)
        self.menus.view.addSeparator()
        self.appearance_menu = appearance_menu(self.menus.view, chosen, self.set_appearance)
        self.tool_bar, self._combo_action = build_tool_bar(self, self.window_actions, self._combo)
        self.statusBar().setAccessibleName("Status")
        # The open dossier's summary stays put: messages and menu tips pass on the left.
        self.summary_label = window_widgets.summary_label()
        self.statusBar().addPermanentWidget(self.summary_label)
        self.navigator.moved.connect(self._update_actions)
        self._first_paint = AfterFirstPaint(self)
        self.opener = Opener(self, self, self._settings, self.menus.recent.refill, remember=persist)
        self.menus.recent.chosen.connect(self.open_recent)
        self.menus.trusted.changed.connect(self.opener.reload)
        self.briefing = BriefingActions(
            self, self.menus.file, self.window_actions.reload, lambda: self._dossier
        )
        self.dossier_changed.connect(self.briefing.set_dossier)
        self._search: SearchPanel | None = None  # docked after the first paint
        self._notes: NotesPanel | None = None  # likewise, with the notes database
        self._update_actions()

        if persist:
            self._settings.restore_window(self)
        drop_module_sources()  # the window's modules are imported: their sources may go

    @property
    def front_dock_title(self) -> str:
        """The dock to bring to the front of its tabs as the docks are made: the one the
        reader left in front."""
        return self._settings.front_dock() if self._persist else "Search"

    def set_appearance(self, choice: str) -> None:
        """Light, dark or the desktop's colours ("system"), remembered for next time."""
        self.appearance.apply(choice)
        for action in self.appearance_menu.actions():
            action.setChecked(action.data() == self.appearance.choice)
        if self._persist:
            self._settings.set_appearance(self.appearance.choice)

    @property
    def search_panel(self) -> SearchPanel:
        """The docked search panel, created on first use.

        The window paints first and docks the panel right after, with the dossier:
        the panel's imports and widgets would otherwise delay the first frame.
        """
        if self._search is None:
            from dossier.ui.search_dock import dock_search

            self._search, self.search_dock = dock_search(self)
        return self._search

    @property
    def notes_panel(self) -> NotesPanel:
        """The notes dock (and the notes actions), created with the first dossier."""
        if self._notes is None:
            from dossier.ui.notes_panel import dock_notes

            self.annotator, self._notes, self.notes_dock = dock_notes(self)
        return self._notes

    # -- hooks for search and export -------------------------------------------------
    def add_dock(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea | None = None,
        toggle_shortcut: QKeySequence | None = None,
    ) -> QDockWidget:
        """Dock a panel (the search panel) beside the pages; its toggle goes in View."""
        return add_dock(
            self, self.menus.view, widget, title, area=area, toggle_shortcut=toggle_shortcut
        )

    def menu(self, name: str) -> QMenu:
        """The "file", "view" or "help" menu, for features that add their actions."""
        return {"file": self.menus.file, "view": self.menus.view, "help": self.menus.help}[name]

    @property
    def current_dossier(self) -> Dossier | None:
        """The dossier on screen, if any."""
        return self._dossier

    @property
    def library(self) -> Library | None:
        """Every dossier open (one, or a folder's worth)."""
        return self._library

    # -- opening (see dossier.ui.opening) --------------------------------------------------
    def open_path(self, path: Path, *, quiet_failures: bool = False) -> bool:
        """Open a dossier file or a folder of them now; on failure keep what is open."""
        return self.opener.open(path, wait=True, quiet_failures=quiet_failures)

    def open_in_background(self, path: Path) -> None:
        """Open a file at once, or load a folder in a worker thread (the window stays
        usable meanwhile; what is open stays open until the folder has loaded)."""
        self.opener.open(path)

    @property
    def loading(self) -> bool:
        """True while a folder is being loaded in the background."""
        return self.opener.loading

    def ask_open(self) -> None:
        """Ask for a dossier file and open it."""
        self.opener.ask_file()

    def ask_open_folder(self) -> None:
        """Ask for a folder of dossiers and open it."""
        self.opener.ask_folder()

    def ask_trust_folder(self) -> None:
        """Ask for a folder whose files dossiers may read as sources, and trust it."""
        self.menus.trusted.ask(self.opener.ask_trust)

    def ask_clear_search_cache(self) -> None:
        """Delete the search cache once the reader agrees; the open dossiers are indexed
        again in the background."""
        from dossier.ui.search_cache import confirm_clear

        if confirm_clear(self):
            self.search_panel.clear_cache()

    def trust_for_session(self, folders: list[Path]) -> None:
        """Trust ``folders`` until the window closes, without keeping them (``--trust``)."""
        self.opener.session_trusted = list(folders)

    def open_recent(self, path: Path) -> bool:
        """Open a recent file; one that no longer exists is removed, with a message."""
        return self.opener.open_recent(path)

    def reload(self) -> None:
        """Read the open file or folder again; on failure keep what is shown."""
        self.opener.reload()

    def open_when_shown(self, path: Path) -> None:
        """Open ``path`` once the window has painted, so it appears without waiting."""
        window_widgets.say_opening(self._empty, path.name)
        self._first_paint.call(lambda: self._open_pending(path))

    def _open_pending(self, path: Path) -> None:
        self.search_panel  # noqa: B018 - dock it now that the window has painted
        for text in take_notices():  # settings reset before the window could say so
            messages.info(text, parent=self)
        self.opener.open(path)

    # -- showing what was opened (called by the opener) ----------------------------------
    def show_library(self, path: Path, library: Library, *, quiet_failures: bool = False) -> None:
        """Show dossiers already loaded from ``path`` (listing those that failed)."""
        self.search_panel  # noqa: B018 - a dossier is about to show: dock the search too
        self.notes_panel  # noqa: B018 - and the notes
        drop_module_sources()  # the loader's, the search's and the notes' modules are in
        if library.failures and not quiet_failures:
            lines = [str(p) for _, problems in library.failures for p in problems]
            messages.problems(
                "Some dossiers not opened",
                f"{len(library.failures)} of the dossiers in {path} could not be opened.",
                lines,
                parent=self,
            )
        self._set_library(library, path)

    def show_reloaded(self, path: Path, library: Library) -> None:
        """Show the open file or folder read anew, where the reader was."""
        here = self.navigator.location()
        self._dossier = None  # rebuild the tabs from the new content
        self._set_library(library, path, keep=here)

    def open_failed(self) -> None:
        """Nothing new opened: with nothing open either, say how to open something."""
        if self._library is None:
            window_widgets.say_how_to_open(self._empty)

    def _set_library(self, library: Library, path: Path, keep: Location | None = None) -> None:
        self._library = library
        self.opener.opened = path
        self.library_changed.emit(library.dossiers)
        window_widgets.list_dossiers(self._combo, library.dossiers)
        self._combo_action.setVisible(len(library.dossiers) > 1)
        ids = [d.id for d in library.dossiers]
        self.navigator.keep_only(ids)
        if keep is not None and keep.dossier_id not in ids:
            keep = None
        self.show_dossier(keep.dossier_id if keep else ids[0])
        if keep:
            self.navigator.go(keep)

    def show_dossier(self, dossier_id: str, tab_id: str | None = None) -> None:
        """Show one dossier of the open library (on ``tab_id``, or the remembered tab)."""
        if self._library is None:
            return
        dossier = self._library.dossier(dossier_id)
        if dossier is not self._dossier:
            self._dossier = dossier
            self.pages.show_dossier(dossier, self.theme)
            self._combo.setCurrentIndex(self._combo.findData(dossier.id))
            self.setWindowTitle(f"{dossier.title} — {APP_TITLE}")
            window_widgets.show_summary(self.summary_label, dossier)
            self._stack.setCurrentWidget(self.pages)
            self.dossier_changed.emit(dossier)
        if tab_id is None and self._restored_tab in self.pages.tab_ids():
            tab_id = self._restored_tab
        self._restored_tab = None
        if tab_id is not None:
            self.select_tab(tab_id)
        self._update_actions()

    def _on_combo(self, index: int) -> None:
        dossier_id = self._combo.itemData(index)
        if isinstance(dossier_id, str) and (
            self._dossier is None or dossier_id != self._dossier.id
        ):
            self.navigator.record()
            self.show_dossier(dossier_id)

    def close_dossier(self) -> None:
        """Close what is open and show the empty page."""
        self._library = None
        self.opener.opened = None
        self._dossier = None
        self.navigator.clear()
        self.pages.clear_pages()
        self._combo.clear()
        self._combo_action.setVisible(False)
        self.open_failed()  # the empty page, saying how to open something
        self._stack.setCurrentWidget(self._empty)
        self.setWindowTitle(APP_TITLE)
        messages.clear(self)
        window_widgets.show_summary(self.summary_label, None)
        if self._search is not None:
            self._search.clear()  # the old query and its results went with the dossier
        self._update_actions()
        self.dossier_changed.emit(None)
        self.library_changed.emit(())

    # -- tabs (see dossier.ui.pages) -------------------------------------------------------
    def tab_ids(self) -> list[str]:
        """The ids of the tabs, in order."""
        return self.pages.tab_ids()

    def current_tab_id(self) -> str | None:
        return self.pages.current_tab_id()

    def pane(self, tab_id: str) -> ReadingPane | None:
        """The pane of a tab (None when there is no such tab)."""
        return self.pages.pane(tab_id)

    def select_tab(self, tab_id: str) -> bool:
        """Show a tab by id; False when there is none."""
        return self.pages.select(tab_id)

    def select_index(self, index: int) -> None:
        """Show the tab at ``index`` (Ctrl+1…8; Ctrl+9 gives -1, the last)."""
        self.pages.select_index(index)

    def step_tab(self, step: int) -> None:
        """The next (1) or previous (-1) tab."""
        self.pages.step(step)

    def _on_tab_shown(self, tab_id: str) -> None:
        if self._persist:
            self._settings.set_last_tab(tab_id)

    def _on_section_timeline(self, on: bool) -> None:
        if self._persist:
            self._settings.set_section_timeline(on)

    # -- following links, Back and Forward (see dossier.ui.navigation) ------------------
    def go_to_citation(self, source_id: str, paragraph: int, start: int, end: int) -> None:
        """Open a source at a cited passage, highlighted; Back returns here."""
        self.navigator.go_to_citation(source_id, paragraph, start, end)

    def reveal(self, dossier_id: str, anchor: str) -> None:
        """Show an item (``politics/point/3``), a source paragraph, or a section; Back returns."""
        self.navigator.reveal(dossier_id, anchor)

    def back(self) -> None:
        """Return to where the reader was before following a link."""
        self.navigator.back()

    def forward(self) -> None:
        """Go again where Back came from."""
        self.navigator.forward()

    def _update_actions(self) -> None:
        has = self._dossier is not None
        self.window_actions.back.setEnabled(self.navigator.can_go_back)
        self.window_actions.forward.setEnabled(self.navigator.can_go_forward)
        self.window_actions.reload.setEnabled(has)
        self.window_actions.close.setEnabled(has)

    # -- zoom, theme, full screen (see dossier.ui.look) -----------------------------------
    @property
    def zoom(self) -> int:
        return self._look.zoom

    def set_zoom(self, steps: int) -> None:
        """Text size in steps of 10% from the default (clamped)."""
        if not self._look.set_zoom(steps):
            return
        if self._persist:
            self._settings.set_zoom(self._look.zoom)
        messages.info(f"Zoom {100 + 10 * self._look.zoom}%", parent=self, timeout_ms=ZOOM_NOTE_MS)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    @property
    def theme(self) -> Theme:
        """The colours and type of the pages, from the palette and the zoom."""
        return self._look.theme

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._look.refresh()

    def toggle_full_screen(self) -> None:
        self.window_actions.fullscreen.setChecked(toggle_full_screen(self))

    def show_about(self) -> None:
        """Say what this is, which dossier is shown and where settings live."""
        about.show_about(self, APP_TITLE, self._dossier, self._settings.file_name)

    # -- drag and drop, closing ------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.opener.drag_entered(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.opener.dropped(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.opener.cancel()  # a folder still loading is not shown any more
        operations.join(self)  # an export in progress finishes writing its file
        if self._search is not None:
            self._search.shutdown()
        if self._notes is not None:
            self.annotator.close()  # lets go of the notes (the last to let go closes them)
        if self._persist:
            front = front_dock(self)
            if front is not None:  # which of the tabbed docks shows (not in the state)
                self._settings.set_front_dock(front)
            self._settings.keep_window(self, self.zoom, self.current_tab_id())
        super().closeEvent(event)
