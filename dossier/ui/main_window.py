"""The main window: a tab per page of the dossier, menus, history, and hooks for more.

Tabs are built from the dossier: the overview, one per section in file order, one per
source. Tab ids are ``"overview"``, a section id, and ``"source:ID"``.

Hooks for the features that plug in later (search, export): :meth:`MainWindow.add_dock`,
:meth:`MainWindow.menu`, :attr:`MainWindow.tool_bar`, :meth:`MainWindow.reveal`, the
:attr:`MainWindow.current_dossier` property and the ``dossier_changed`` signal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from dossier import __version__
from dossier.core.errors import DossierError
from dossier.ui import dialogs, errors
from dossier.ui.briefing_actions import BriefingActions
from dossier.ui.settings import ZOOM_RANGE, ViewerSettings

if TYPE_CHECKING:  # the loader (and YAML) is imported on first open, after the first paint
    from dossier.core.library import Library
    from dossier.core.model import Dossier
    from dossier.ui.library_loader import LibraryJob
    from dossier.ui.panes import ReadingPane
    from dossier.ui.search_panel import SearchPanel
    from dossier.ui.theme import Theme

log = logging.getLogger("dossier.ui")

APP_TITLE = "Dossier Viewer"
OVERVIEW = "overview"


@dataclass(frozen=True)
class Location:
    """A place the reader was: dossier, tab, scroll offset and what was highlighted."""

    dossier_id: str
    tab_id: str
    scroll: int
    passage: tuple[str, int, int] | None = None  # anchor, start, end
    item: str | None = None


def source_tab(source_id: str) -> str:
    """The tab id of a source."""
    return f"source:{source_id}"


class MainWindow(QMainWindow):
    """The viewer's window. It displays dossiers and forwards what the reader asks for."""

    dossier_changed = Signal(object)  # the Dossier now shown, or None
    library_changed = Signal(tuple)  # every open dossier (empty when none is open)

    def __init__(self, settings: ViewerSettings | None = None, *, persist: bool = True) -> None:
        super().__init__()
        self._settings = settings if settings is not None else ViewerSettings()
        self._persist = persist
        self._library: Library | None = None
        self._opened: Path | None = None
        self._dossier: Dossier | None = None
        self._panes: dict[str, ReadingPane] = {}
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._restored_tab = self._settings.last_tab() if persist else None
        self._zoom = self._settings.zoom() if persist else 0
        self._theme_now: Theme | None = None  # worked out when the first page renders
        self._building = False
        self._shown: Location | None = None

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.setAccessibleName("Dossier viewer")
        self.resize(1200, 860)

        self._tabs = QTabWidget()
        self._tabs.setDocumentMode(True)
        self._tabs.setAccessibleName("Dossier pages")
        self._tabs.setUsesScrollButtons(True)
        self._tabs.currentChanged.connect(self._on_tab_changed)
        self._empty_text = (
            "<p style='font-size:14pt'>No dossier is open.</p>"
            "<p>Open one with File ▸ Open (Ctrl+O), or drop a .yaml file or a folder here.</p>"
        )
        self._empty = QLabel(self._empty_text)
        self._pending_open: Path | None = None
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setAccessibleName("No dossier open")
        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self._tabs)
        self.setCentralWidget(self._stack)

        self._combo = QComboBox()
        self._combo.setAccessibleName("Dossier")
        self._combo.setToolTip("Switch between the dossiers of the open folder")
        self._combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._combo.activated.connect(self._on_combo)

        self._create_actions()
        self._create_menus()
        self._create_tool_bar()
        self.statusBar().setAccessibleName("Status")
        self.briefing = BriefingActions(self)
        self._search: SearchPanel | None = None  # docked after the first paint
        self._loading: LibraryJob | None = None  # a folder loading in the background
        self._update_actions()

        if persist:
            geometry = self._settings.geometry()
            if geometry is not None:
                self.restoreGeometry(geometry)
            state = self._settings.window_state()
            if state is not None:
                self.restoreState(state)

    # -- construction ------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcuts: list[QKeySequence] | None = None,
        tip: str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            unique: dict[str, QKeySequence] = {}
            for sequence in shortcuts:  # a standard key may repeat an explicit one
                if not sequence.isEmpty():
                    unique.setdefault(sequence.toString(), sequence)
            action.setShortcuts(list(unique.values()))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _create_actions(self) -> None:
        key = QKeySequence
        sp = QStyle.StandardPixmap
        self.open_action = self._action(
            "&Open…",
            self.ask_open,
            [key(key.StandardKey.Open)],
            "Open a dossier file",
            sp.SP_DialogOpenButton,
        )
        self.open_folder_action = self._action(
            "Open &Folder…",
            self.ask_open_folder,
            [key("Ctrl+Shift+O")],
            "Open every dossier in a folder",
        )
        self.reload_action = self._action(
            "&Reload",
            self.reload,
            [key("F5")],
            "Read the open dossier again from disk",
        )
        self.close_action = self._action(
            "&Close", self.close_dossier, [key("Ctrl+W")], "Close the open dossier"
        )
        self.quit_action = self._action("&Quit", self.close, [key("Ctrl+Q")], "Quit the viewer")
        self.zoom_in_action = self._action(
            "Zoom &In",
            self.zoom_in,
            [key("Ctrl+="), key("Ctrl++")],
            "Larger text",
        )
        self.zoom_out_action = self._action(
            "Zoom &Out",
            self.zoom_out,
            [key("Ctrl+-")],
            "Smaller text",
        )
        self.zoom_reset_action = self._action(
            "&Actual Size", self.zoom_reset, [key("Ctrl+0")], "Text at its normal size"
        )
        self.fullscreen_action = self._action(
            "&Full Screen", self.toggle_full_screen, [key("F11")], "Use the whole screen"
        )
        self.fullscreen_action.setCheckable(True)
        self.back_action = self._action(
            "&Back",
            self.back,
            [key("Alt+Left")],
            "Back to where you were (Alt+Left)",
            sp.SP_ArrowBack,
        )
        self.forward_action = self._action(
            "&Forward",
            self.forward,
            [key("Alt+Right")],
            "Forward again (Alt+Right)",
            sp.SP_ArrowForward,
        )
        self.next_tab_action = self._action(
            "&Next Tab",
            lambda: self._step_tab(1),
            [key("Ctrl+Tab"), key("Ctrl+PgDown")],
            "Next tab",
        )
        self.previous_tab_action = self._action(
            "&Previous Tab",
            lambda: self._step_tab(-1),
            [
                key("Ctrl+Shift+Tab"),
                key("Ctrl+Shift+Backtab"),
                key("Ctrl+PgUp"),
            ],
            "Previous tab",
        )
        self.tab_actions = [
            self._action(
                f"Tab {n}", lambda _=False, i=n - 1: self._select_index(i), [key(f"Ctrl+{n}")]
            )
            for n in range(1, 10)
        ]
        self.about_action = self._action("&About", self.show_about, None, "About the viewer")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_folder_action)
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.reload_action)
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("&View")
        for action in (self.back_action, self.forward_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.next_tab_action, self.previous_tab_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.fullscreen_action)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _create_tool_bar(self) -> None:
        self.tool_bar = QToolBar("Main toolbar")
        self.tool_bar.setObjectName("main-toolbar")
        self.tool_bar.setAccessibleName("Main toolbar")
        self.tool_bar.setMovable(False)
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tool_bar.addAction(self.open_action)
        self._combo_action = self.tool_bar.addWidget(self._combo)
        self._combo_action.setVisible(False)
        self.tool_bar.addSeparator()
        self.tool_bar.addAction(self.back_action)
        self.tool_bar.addAction(self.forward_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tool_bar)

    @property
    def search_panel(self) -> SearchPanel:
        """The docked search panel, created on first use.

        The window paints first and docks the panel right after, with the dossier:
        the panel's imports and widgets would otherwise delay the first frame.
        """
        if self._search is None:
            from dossier.ui.search_panel import SearchPanel

            panel = SearchPanel()
            self.search_dock = self.add_dock(panel, "Search")
            self.search_dock.setMinimumWidth(300)
            panel.attach_shortcuts(self)
            panel.result_activated.connect(self.reveal)
            self.library_changed.connect(panel.set_dossiers)
            if self._library is not None:
                panel.set_dossiers(self._library.dossiers)
            self._search = panel
        return self._search

    # -- hooks for search and export -------------------------------------------------
    def add_dock(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea | None = None,
        toggle_shortcut: QKeySequence | None = None,
    ) -> QDockWidget:
        """Dock a panel (the search panel) beside the pages; its toggle goes in View."""
        if area is None:
            area = Qt.DockWidgetArea.RightDockWidgetArea
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower().replace(' ', '-')}")
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        toggle = dock.toggleViewAction()
        if toggle_shortcut is not None:
            toggle.setShortcut(toggle_shortcut)
        self.view_menu.addSeparator()
        self.view_menu.addAction(toggle)
        return dock

    def menu(self, name: str) -> QMenu:
        """The "file", "view" or "help" menu, for features that add their actions."""
        return {"file": self.file_menu, "view": self.view_menu, "help": self.help_menu}[name]

    @property
    def current_dossier(self) -> Dossier | None:
        """The dossier on screen, if any."""
        return self._dossier

    @property
    def library(self) -> Library | None:
        """Every dossier open (one, or a folder's worth)."""
        return self._library

    # -- opening -------------------------------------------------------------------------
    def open_path(self, path: Path, *, quiet_failures: bool = False) -> bool:
        """Open a dossier file or a folder of them; on failure keep what is open."""
        from dossier.core.library import load_library

        self._loading = None  # what the reader asks for now wins over a folder still loading
        try:
            library = load_library(path)
        except (DossierError, OSError) as error:
            self._report_open_error(path, error)
            return False
        self.show_library(path, library, quiet_failures=quiet_failures)
        return True

    def open_in_background(self, path: Path) -> None:
        """Open a file at once, or load a folder in a worker thread (the window stays
        usable meanwhile; what is open stays open until the folder has loaded)."""
        if not path.is_dir():
            self.open_path(path)
            return
        from dossier.ui.library_loader import LibraryJob

        job = LibraryJob(path)
        self._loading = job  # kept alive until it reports
        self.statusBar().showMessage(f"Opening the dossiers in {path}…")
        job.loaded.connect(lambda library: self._loaded(job, library))
        job.failed.connect(lambda error: self._loaded(job, error))
        job.start()

    @property
    def loading(self) -> bool:
        """True while a folder is being loaded in the background."""
        return self._loading is not None

    def _loaded(self, job: LibraryJob, result: Library | Exception) -> None:
        if job is not self._loading:
            return  # a newer request replaced this one
        self._loading = None
        self.statusBar().clearMessage()
        if isinstance(result, DossierError | OSError):
            self._report_open_error(job.path, result)
        elif isinstance(result, BaseException):
            errors.report_unexpected(type(result), result, result.__traceback__)
        else:
            self.show_library(job.path, result)
            return
        if self._library is None:
            self._show_empty()

    def _report_open_error(self, path: Path, error: DossierError | OSError) -> None:
        if isinstance(error, DossierError):
            errors.report_dossier_error(self, str(path), error)
        else:
            errors.report_os_error(self, f"Could not open {path}", error)

    def show_library(self, path: Path, library: Library, *, quiet_failures: bool = False) -> None:
        """Show dossiers already loaded from ``path`` (listing those that failed)."""
        self.search_panel  # noqa: B018 - a dossier is about to show: dock the search too
        if library.failures and not quiet_failures:
            lines = [str(p) for _, problems in library.failures for p in problems]
            errors.show_problems(
                self,
                "Some dossiers not opened",
                f"{len(library.failures)} of the dossiers in {path} could not be opened.",
                lines,
            )
        self._set_library(library, path)
        if self._persist:
            self._settings.add_recent(path)

    def _show_empty(self) -> None:
        self._empty.setTextFormat(Qt.TextFormat.RichText)
        self._empty.setText(self._empty_text)

    def open_when_shown(self, path: Path) -> None:
        """Open ``path`` once the window has painted, so it appears without waiting."""
        self._empty.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not markup
        self._empty.setText(f"Opening {path.name}…")
        self._pending_open = path
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and self._pending_open:
            path, self._pending_open = self._pending_open, None
            self.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self._open_pending(path))
        return super().eventFilter(watched, event)

    def _open_pending(self, path: Path) -> None:
        self.search_panel  # noqa: B018 - dock it now that the window has painted
        if path.is_dir():
            self.open_in_background(path)
        elif not self.open_path(path):
            self._show_empty()

    def _set_library(self, library: Library, path: Path, keep: Location | None = None) -> None:
        self._library = library
        self._opened = path
        self.library_changed.emit(library.dossiers)
        self._combo.clear()
        for dossier in library.dossiers:
            self._combo.addItem(dossier.title, dossier.id)
        self._combo_action.setVisible(len(library.dossiers) > 1)
        ids = [d.id for d in library.dossiers]
        # Back and Forward may only lead to dossiers that are still open.
        self._back = [where for where in self._back if where.dossier_id in ids]
        self._forward = [where for where in self._forward if where.dossier_id in ids]
        if keep is not None and keep.dossier_id not in ids:
            keep = None
        self.show_dossier(keep.dossier_id if keep else ids[0])
        if keep:
            self._go(keep, record=False)

    def show_dossier(self, dossier_id: str, tab_id: str | None = None) -> None:
        """Show one dossier of the open library (on ``tab_id``, or the remembered tab)."""
        if self._library is None:
            return
        dossier = self._library.dossier(dossier_id)
        if dossier is not self._dossier:
            self._dossier = dossier
            self._build_tabs(dossier)
            self._combo.setCurrentIndex(self._combo.findData(dossier.id))
            self.setWindowTitle(f"{dossier.title} — {APP_TITLE}")
            counts = dossier.counts()
            self.statusBar().showMessage(
                f"{dossier.path.name} · as of {dossier.as_of.display()} · "
                f"{counts['sections']} sections, {counts['points']} points, "
                f"{counts['figures']} figures, {counts['events']} events, "
                f"{counts['citations']} citations"
            )
            self._stack.setCurrentWidget(self._tabs)
            self.dossier_changed.emit(dossier)
        if tab_id is None and self._restored_tab in self._panes:
            tab_id = self._restored_tab
        self._restored_tab = None
        if tab_id is not None:
            self.select_tab(tab_id)
        self._update_actions()

    def _build_tabs(self, dossier: Dossier) -> None:
        from dossier.core import html

        self._building = True
        try:
            self._remove_tabs()
            self._add_pane(OVERVIEW, "Overview", dossier.title, lambda: html.overview_html(dossier))
            for section in dossier.sections:
                self._add_pane(
                    section.id,
                    section.title,
                    section.title,
                    lambda s=section: html.section_html(dossier, s),
                )
            for source in dossier.sources:
                label = "Source" if len(dossier.sources) == 1 else f"Source: {source.id}"
                self._add_pane(
                    source_tab(source.id),
                    label,
                    source.title,
                    lambda s=source: html.source_html(dossier, s),
                )
        finally:
            self._building = False
        self._tabs.setCurrentIndex(0)
        self._on_tab_changed(0)

    def _remove_tabs(self) -> None:
        while self._tabs.count():
            widget = self._tabs.widget(0)
            self._tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self._panes = {}

    def _add_pane(self, tab_id: str, label: str, tip: str, render: object) -> None:
        from dossier.ui.panes import ReadingPane

        pane = ReadingPane(tab_id, render, self.theme)  # type: ignore[arg-type]
        pane.setAccessibleName(f"{label} page")
        pane.citation_activated.connect(self.go_to_citation)
        index = self._tabs.addTab(pane, label)
        self._tabs.setTabToolTip(index, QtGui.Qt.convertFromPlainText(tip))  # dossier text
        self._panes[tab_id] = pane

    def _on_combo(self, index: int) -> None:
        dossier_id = self._combo.itemData(index)
        if isinstance(dossier_id, str) and (
            self._dossier is None or dossier_id != self._dossier.id
        ):
            self._record()
            self.show_dossier(dossier_id)

    def close_dossier(self) -> None:
        """Close what is open and show the empty page."""
        self._library = None
        self._opened = None
        self._dossier = None
        self._back.clear()
        self._forward.clear()
        self._building = True
        self._remove_tabs()
        self._building = False
        self._combo.clear()
        self._combo_action.setVisible(False)
        self._show_empty()
        self._stack.setCurrentWidget(self._empty)
        self.setWindowTitle(APP_TITLE)
        self.statusBar().clearMessage()
        self._update_actions()
        self.dossier_changed.emit(None)
        self.library_changed.emit(())

    def reload(self) -> None:
        """Read the open file or folder again; on failure keep what is shown."""
        if self._opened is None:
            return
        from dossier.core.library import load_library

        here = self._location()
        try:
            library = load_library(self._opened)
        except DossierError as error:
            errors.report_dossier_error(self, str(self._opened), error)
            return
        except OSError as error:
            errors.report_os_error(self, f"Could not reload {self._opened}", error)
            return
        self._dossier = None  # rebuild the tabs from the new content
        self._set_library(library, self._opened, keep=here)
        self.statusBar().showMessage("Reloaded", 3000)

    def ask_open(self) -> None:
        """Ask for a dossier file and open it."""
        path = dialogs.ask_open_file(self, self._start_folder())
        if path is not None:
            self.open_path(path)

    def ask_open_folder(self) -> None:
        """Ask for a folder of dossiers and open it."""
        path = dialogs.ask_open_folder(self, self._start_folder())
        if path is not None:
            self.open_in_background(path)

    def _start_folder(self) -> Path | None:
        if self._opened is not None:
            return self._opened if self._opened.is_dir() else self._opened.parent
        return None

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path.name or str(path))
            action.setToolTip(QtGui.Qt.convertFromPlainText(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self._settings.clear_recent()
        self._fill_recent_menu()

    def open_recent(self, path: Path) -> bool:
        """Open a recent file; one that no longer exists is removed, with a message."""
        if not path.exists():
            self._settings.remove_recent(path)
            self._fill_recent_menu()
            errors.show_message(
                self,
                "File not found",
                f"{path} no longer exists. It has been removed from Open Recent.",
            )
            return False
        if path.is_dir():
            self.open_in_background(path)
            return True
        return self.open_path(path)

    # -- tabs ----------------------------------------------------------------------------
    def tab_ids(self) -> list[str]:
        """The ids of the tabs, in order."""
        return list(self._panes)

    def current_tab_id(self) -> str | None:
        return self._tab_id_of(self._tabs.currentWidget())

    def _tab_id_of(self, widget: QWidget | None) -> str | None:
        for tab_id, pane in self._panes.items():
            if pane is widget:
                return tab_id
        return None

    def pane(self, tab_id: str) -> ReadingPane | None:
        """The pane of a tab (None when there is no such tab)."""
        return self._panes.get(tab_id)

    def select_tab(self, tab_id: str) -> bool:
        """Show a tab by id; False when there is none."""
        pane = self._panes.get(tab_id)
        if pane is None:
            return False
        self._tabs.setCurrentWidget(pane)
        pane.ensure_rendered()
        return True

    def _select_index(self, index: int) -> None:
        if 0 <= index < self._tabs.count():
            self._tabs.setCurrentIndex(index)
            self._tabs.currentWidget().setFocus()

    def _step_tab(self, step: int) -> None:
        count = self._tabs.count()
        if count:
            self._select_index((self._tabs.currentIndex() + step) % count)

    def _on_tab_changed(self, index: int) -> None:
        if self._building:
            return
        tab_id = self._tab_id_of(self._tabs.widget(index))
        if tab_id is not None:
            pane = self._panes[tab_id]
            pane.ensure_rendered()
            if self._persist:
                self._settings.set_last_tab(pane.tab_id)

    # -- provenance and history ----------------------------------------------------------
    def go_to_citation(self, source_id: str, paragraph: int, start: int, end: int) -> None:
        """Open a source at a cited passage, highlighted; Back returns here."""
        tab = source_tab(source_id)
        if self._dossier is None or tab not in self._panes:
            self.statusBar().showMessage(f"No source '{source_id}' in this dossier", 5000)
            return
        self._record()
        from dossier.core.html import source_anchor

        anchor = source_anchor(source_id, paragraph)
        self._go(Location(self._dossier.id, tab, 0, passage=(anchor, start, end)), record=False)

    def reveal(self, dossier_id: str, anchor: str) -> None:
        """Show an item (``politics/point/3``), a source paragraph, or a section; Back returns."""
        if self._library is None:
            return
        try:
            dossier = self._library.dossier(dossier_id)
        except KeyError:
            self.statusBar().showMessage(f"No dossier '{dossier_id}' is open", 5000)
            return
        if anchor.startswith("source:"):
            tab = anchor.split("/", 1)[0]
        elif anchor.startswith("section/"):
            tab = anchor.split("/", 1)[1]
        else:
            from dossier.core.model import section_of

            tab = section_of(anchor)
        if tab not in {s.id for s in dossier.sections} and not tab.startswith("source:"):
            tab = OVERVIEW
        self._record()
        self._go(Location(dossier.id, tab, 0, item=anchor), record=False)

    def _location(self) -> Location | None:
        tab = self.current_tab_id()
        if self._dossier is None or tab is None:
            return None
        pane = self._panes[tab]
        return Location(self._dossier.id, tab, pane.verticalScrollBar().value())

    def _record(self) -> None:
        here = self._current_with_highlight()
        if here is not None:
            self._back.append(here)
            self._forward.clear()
        self._update_actions()

    def _go(self, where: Location, *, record: bool) -> None:
        if record:
            self._record()
        if self._dossier is None or self._dossier.id != where.dossier_id:
            self.show_dossier(where.dossier_id)
        if not self.select_tab(where.tab_id):
            self.select_tab(OVERVIEW)
        current = self.current_tab_id()
        assert current is not None
        pane = self._panes[current]
        pane.clear_highlight()
        if where.passage is not None:
            pane.highlight_passage(*where.passage)
        elif where.item is not None:
            if not pane.highlight_item(where.item):
                self.statusBar().showMessage(f"'{where.item}' is not in this dossier", 5000)
        else:
            pane.verticalScrollBar().setValue(where.scroll)
        pane.setFocus()
        self._shown = where
        self._update_actions()

    def back(self) -> None:
        """Return to where the reader was before following a link."""
        if not self._back:
            return
        here = self._current_with_highlight()
        where = self._back.pop()
        if here is not None:
            self._forward.append(here)
        self._go(where, record=False)

    def forward(self) -> None:
        """Go again where Back came from."""
        if not self._forward:
            return
        here = self._current_with_highlight()
        where = self._forward.pop()
        if here is not None:
            self._back.append(here)
        self._go(where, record=False)

    def _current_with_highlight(self) -> Location | None:
        """Where the reader is, with the highlight that brought them here (if still here)."""
        here = self._location()
        shown = self._shown
        if here is None or shown is None:
            return here
        if (shown.dossier_id, shown.tab_id) == (here.dossier_id, here.tab_id):
            return replace(shown, scroll=here.scroll)
        return here

    def _update_actions(self) -> None:
        has = self._dossier is not None
        self.back_action.setEnabled(bool(self._back))
        self.forward_action.setEnabled(bool(self._forward))
        self.reload_action.setEnabled(has)
        self.close_action.setEnabled(has)

    # -- zoom, theme, full screen ----------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Text size in steps of 10% from the default (clamped)."""
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        if steps == self._zoom:
            return
        self._zoom = steps
        if self._persist:
            self._settings.set_zoom(steps)
        self._apply_theme()
        self.statusBar().showMessage(f"Zoom {100 + 10 * steps}%", 2000)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    @property
    def theme(self) -> Theme:
        """The colours and type of the pages, from the palette and the zoom."""
        if self._theme_now is None:
            from dossier.ui.theme import theme_for

            self._theme_now = theme_for(self.palette(), self._zoom)
        return self._theme_now

    def _apply_theme(self) -> None:
        from dossier.ui.theme import theme_for

        theme = theme_for(self.palette(), self._zoom)
        if theme == self._theme_now:
            return
        self._theme_now = theme
        for pane in self._panes.values():
            pane.set_theme(theme)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def show_about(self) -> None:
        """Say what this is, which dossier is shown and where settings live."""
        import html as _html

        dossier = self._dossier
        what = (
            f"<p>Showing <b>{_html.escape(dossier.title)}</b> "
            f"({_html.escape(str(dossier.path))}).</p>"
            if dossier
            else ""
        )
        dialogs.show_about(
            self,
            f"About {APP_TITLE}",
            f"<h3>{APP_TITLE} {_html.escape(__version__)}</h3>"
            "<p>Read, search and print structured bilateral-relations dossiers, offline.</p>"
            f"{what}<p>Settings: {_html.escape(self._settings.file_name)}</p>",
        )

    # -- drag and drop -------------------------------------------------------------------
    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                from dossier.core.library import DOSSIER_SUFFIXES

                if path.is_dir() or path.suffix.lower() in DOSSIER_SUFFIXES:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_in_background(path)

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._search is not None:
            self._search.shutdown()
        if self._persist:
            self._settings.set_geometry(self.saveGeometry())
            self._settings.set_window_state(self.saveState())
            self._settings.set_zoom(self._zoom)
            tab = self.current_tab_id()
            if tab is not None:
                self._settings.set_last_tab(tab)
            self._settings.sync()
        super().closeEvent(event)
