"""The search panel: a field, a count, and the results grouped by section.

A standalone widget for the main window to dock. It holds no search logic: queries go
to :mod:`dossier.core.search` in a worker thread (:mod:`dossier.ui.search_worker`).
This module is the panel's behaviour; its widgets are built in
:mod:`dossier.ui.search_widgets`, its rows drawn by :mod:`dossier.ui.search_rows`, and
the searches it recalls kept by :mod:`dossier.ui.search_history`, and what it says
about the cache by :mod:`dossier.ui.search_cache`.

Wiring it into a window::

    panel = SearchPanel()
    window.add_dock(panel, "Search")
    panel.attach_shortcuts(window)          # Ctrl+F, F3, Shift+F3 anywhere in the window
    panel.result_activated.connect(window.reveal)
    panel.set_dossiers(library.dossiers)    # again whenever the open dossiers change

Keys: typing searches (debounced); Down moves into the results; Enter opens the
current result (or the first); Esc clears and says ``dismissed`` (the window gives the
keys back to the page); Up in the empty field recalls earlier
searches of the session (Down goes forward again). F3 / Shift+F3 step through the
results, opening each. ``focus_action``, ``next_action`` and ``previous_action`` carry
those shortcuts; :meth:`attach_shortcuts` adds them to a window so they work wherever
the focus is (without it they work inside the panel only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from dossier.core.model import Dossier
from dossier.ui import search_rows, search_widgets
from dossier.ui.docks import reveal
from dossier.ui.search_cache import CacheNotices
from dossier.ui.search_history import SearchHistory
from dossier.ui.search_rows import RESULT_ROLE
from dossier.ui.search_widgets import EMPTY_TEXT
from dossier.ui.search_worker import SearchService

if TYPE_CHECKING:
    from dossier.core.search import SearchResult, SearchResults

DEBOUNCE_MS = 120
LIMIT = 100  # results shown; the count says how many matched


class SearchPanel(QWidget):
    """Search as you type over the open dossiers; results open where they are."""

    result_activated = Signal(str, str)  # dossier id, anchor
    dismissed = Signal()  # Esc: the reader is done searching; the page may take the keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-panel")
        self.setAccessibleName("Search")
        self._serial = 0  # of the newest query; answers to older ones are dropped
        self._generation = 0
        self._ready = False
        self._failure: str | None = None  # why this library's index could not be built
        self._dossier_count = 0
        self._dossiers: tuple[Dossier, ...] = ()
        self._shown: SearchResults | None = None
        self._history = SearchHistory()
        self._last_emitted: tuple[int, str, str] | None = None
        self._emitted_clock = QElapsedTimer()
        self._rows_width = -1  # the viewport width the rows were last measured at
        self._build_widgets()
        self._update_empty_state()
        self._frame_field()
        self._connect_widgets()
        self.focus_action, self.next_action, self.previous_action = search_widgets.step_actions(
            self, self.focus_search, self.next_result, self.previous_result
        )
        self.service = self._start_service()

    def _build_widgets(self) -> None:
        self.field = search_widgets.search_field(self)
        self.count_label = search_widgets.count_label(self)
        self.model = QStandardItemModel(self)
        self.view, self._delegate = search_widgets.results_view(self, self.model)
        self.hint_label = search_widgets.hint_label(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint_label)
        layout.addStretch(0)  # keeps the labels at the top while the list is hidden

    def _connect_widgets(self) -> None:
        self._relayout = search_widgets.single_shot(self, 0, self._measure_rows)
        self._debounce = search_widgets.single_shot(self, DEBOUNCE_MS, self._send_query)
        self.field.textEdited.connect(self._on_edited)
        self.field.textChanged.connect(self._on_changed)
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)  # rows re-wrap when it is resized
        self.view.clicked.connect(self._open)

    def _start_service(self) -> SearchService:
        service = SearchService()
        service.results_ready.connect(self._on_results)
        service.search_failed.connect(self._on_search_failed)
        service.index_ready.connect(self._on_index_ready)
        service.index_failed.connect(self._on_index_failed)
        self._cache_notices = CacheNotices(self, service)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(service.shutdown)
        # a panel deleted without closing closes its index too
        self.destroyed.connect(lambda *_: service.shutdown())
        return service

    # -- the API the window uses ---------------------------------------------------------
    def attach_shortcuts(self, window: QWidget) -> None:
        """Make Ctrl+F, F3 and Shift+F3 work anywhere in ``window``."""
        for action in (self.focus_action, self.next_action, self.previous_action):
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)

    def set_dossiers(self, dossiers: Sequence[Dossier]) -> None:
        """Search these dossiers from now on (indexed in the background)."""
        self._generation += 1
        self._ready = False
        self._failure = None
        self._dossier_count = len(dossiers)
        self._dossiers = tuple(dossiers)
        self._show_status()
        self.service.set_dossiers(self._generation, list(dossiers))

    def clear_cache(self) -> None:
        """Delete the search cache of every library in the background, tell the reader
        what went, and index the open dossiers again so they stay searchable."""
        self.service.forget_cache()
        if self._dossiers:
            self.set_dossiers(self._dossiers)  # queued after the deletion

    def focus_search(self) -> None:
        """Show the panel (and its dock), put the cursor in the field, select its text."""
        reveal(self)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def next_result(self) -> None:
        """Select and open the next result (the first when none is selected)."""
        self._step(+1)

    def previous_result(self) -> None:
        """Select and open the previous result (the last when none is selected)."""
        self._step(-1)

    def clear(self) -> None:
        """Empty the field and the results."""
        self._debounce.stop()
        self.field.clear()
        self._forget_pending()
        self._set_results(None)

    def history(self) -> list[str]:
        """This session's searches, most recent first."""
        return self._history.items()

    def query(self) -> str:
        """The text in the field."""
        return self.field.text()

    def result_rows(self) -> list[SearchResult]:
        """The results in the order shown (group by group)."""
        return [
            self.model.data(index, RESULT_ROLE) for index in search_rows.result_indexes(self.model)
        ]

    # -- typing ----------------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        self._history.stop()

    def _on_changed(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self._forget_pending()
            self._set_results(None)
            return
        self.hint_label.hide()
        self._debounce.start()

    def _send_query(self) -> None:
        text = self.field.text()
        if not text.strip():
            return
        self._serial += 1
        self.service.search(self._serial, text, LIMIT)

    def _forget_pending(self) -> None:
        self._serial += 1
        self.service.cancel()

    def _on_results(self, serial: int, found: SearchResults | None) -> None:
        if serial != self._serial:
            return  # an older query: its answer is no longer wanted
        self._set_results(found)
        self._cache_notices.tell_notice()  # a full disk may have sent the index to memory mid-query

    def _on_search_failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self._set_results(None)
            self.count_label.setText(f"Search failed: {message}")

    def _on_index_ready(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._ready = True
        self._dossier_count = count
        self._cache_notices.tell_notice()
        if self.field.text().strip():
            self._send_query()
        else:
            self._show_status()

    def _on_index_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._failure = f"Search is unavailable: {message}"
            self._set_results(None)  # results of the library before are gone with it

    # -- showing results -------------------------------------------------------------------
    def _show_status(self) -> None:
        if self._failure is not None:
            self.count_label.setText(self._failure)
        elif not self._ready and self._dossier_count:
            plural = "s" if self._dossier_count != 1 else ""
            self.count_label.setText(f"Indexing {self._dossier_count} dossier{plural}…")
        elif self._shown is None:
            self.count_label.setText(EMPTY_TEXT)

    def _update_empty_state(self) -> None:
        """Show the list only when it has results, and the hints only before a search."""
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.hint_label.setVisible(not has_rows and not self.field.text().strip())

    # Adds results from elsewhere (the reader's notes) to those of the index.
    extra_results: Callable[[SearchResults], SearchResults] | None = None

    def _set_results(self, found: SearchResults | None) -> None:
        if found is not None and self.extra_results is not None:
            found = self.extra_results(found)
        self._set_rows(found)
        self._update_empty_state()

    def _set_rows(self, found: SearchResults | None) -> None:
        self._shown = found
        self.model.clear()
        self._last_emitted = None
        if found is None:
            self._show_status()
            return
        if found.results:
            search_rows.fill(self.model, found)
            self.view.expandAll()
        self.count_label.setText(search_rows.count_text(found))

    # -- opening results -----------------------------------------------------------------
    def _step(self, step: int) -> None:
        indexes = search_rows.result_indexes(self.model)
        if not indexes:
            return
        self._open(search_rows.stepped(indexes, self.view.currentIndex(), step))

    def _open(self, index: QModelIndex) -> None:
        result = index.data(RESULT_ROLE)
        if result is None:  # a group's heading row
            return
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        key = (self._serial, result.dossier_id, result.anchor)
        if (
            key == self._last_emitted
            and self._emitted_clock.isValid()
            and self._emitted_clock.elapsed() < QApplication.doubleClickInterval()
        ):
            return  # the second click of a double click
        self._last_emitted = key
        self._emitted_clock.start()
        self._history.remember(self.field.text())
        self.result_activated.emit(result.dossier_id, result.anchor)

    def _on_return(self) -> None:
        current = self.view.currentIndex()
        if current.isValid() and current.data(RESULT_ROLE) is not None:
            self._open(current)
            return
        indexes = search_rows.result_indexes(self.model)
        if indexes:
            self._open(indexes[0])
        else:
            self._history.remember(self.field.text())

    # -- history ---------------------------------------------------------------------------
    def _recall(self, step: int) -> bool:
        """Step through the history from the field; False when there is nowhere to go."""
        recalled = self._history.recall(step, self.field.text())
        if recalled.text == "":
            self.field.clear()
        elif recalled.text is not None:
            self.field.setText(recalled.text)
            self.field.end(False)
        return recalled.handled

    # -- palette and type ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in search_widgets.RESTYLE_EVENTS:
            self._frame_field()
            self._rows_width = -1  # rows measure again in the new type
            self._relayout.start()
            self.view.viewport().update()

    def _measure_rows(self) -> None:
        """Lay the rows out again for the viewport's width (a row's height follows it).

        Run after the resize that asked for it: laying out inside the resize event can
        show or hide the scroll bar, and the width that results is not reported.
        """
        width = self.view.viewport().width()
        if width != self._rows_width:
            self._rows_width = width
            self.view.doItemsLayout()

    def _frame_field(self) -> None:
        """Border the field in colours of the palette (see :func:`search_widgets.field_style`)."""
        self.field.setStyleSheet(search_widgets.field_style(self.palette()))

    def row_document(self, index: QModelIndex, *, selected: bool = False) -> QTextDocument:
        """The rich text a result row is painted from now, selected or not."""
        return self._delegate.row_document(index, selected=selected)

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._relayout.start()  # rows re-wrap once the resize is done
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._take_key(watched, event.key())
        ):
            return True
        return super().eventFilter(watched, event)

    def _take_key(self, watched: QObject, key: int) -> bool:
        """Act on a key pressed in the field or the list; False leaves it to them."""
        if key == Qt.Key.Key_Escape:
            if self.field.text() or self.model.rowCount():
                self.clear()
            self.dismissed.emit()
            return True
        if watched is self.field:
            return self._take_field_key(key)
        if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.view.currentIndex())
            return True
        return False

    def _take_field_key(self, key: int) -> bool:
        """Up and Down in the field: the history, or into the results."""
        if key == Qt.Key.Key_Up:
            return self._recall(+1)
        if key != Qt.Key.Key_Down:
            return False
        if self._history.stepping:
            return self._recall(-1)
        indexes = search_rows.result_indexes(self.model)
        if not indexes:
            return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.setCurrentIndex(indexes[0])
        return True

    def shutdown(self) -> None:
        """Drop queued search work, wait for the task in progress and close the index
        (also on quit, and when the panel is closed or destroyed)."""
        self.service.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()  # a panel shown on its own (a docked one closes with its window)
        super().closeEvent(event)
