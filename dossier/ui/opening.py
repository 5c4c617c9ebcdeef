"""Every way of opening a dossier ends here: Open, Open Folder, Open Recent, a drop
(the window forwards its drag and drop events), the command line, and Reload.

One path opens a path: a file loads at once (it is quick, and the caller learns
whether it opened); a folder loads in the background, and what is open stays open
until it has loaded. The latest request wins over a folder still loading. Failures
are told to the reader; what was open stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from dossier.core.errors import DossierError
from dossier.ui import errors, messages
from dossier.ui.settings import ViewerSettings

if TYPE_CHECKING:  # the loader (and YAML) is imported on first open, after the first paint
    from dossier.core.library import Library
    from dossier.ui.operations import Operation

RELOADED_MS = 3000


class Shows(Protocol):
    """What the window does with what was opened."""

    def show_library(self, path: Path, library: Library, *, quiet_failures: bool = False) -> None:
        """Show a newly opened file or folder."""

    def show_reloaded(self, path: Path, library: Library) -> None:
        """Show the open file or folder again, read anew, where the reader was."""

    def open_failed(self) -> None:
        """Nothing new was opened (the reader has been told why)."""


class Opener:
    """Opens files and folders for the window, and knows which one is open."""

    def __init__(
        self,
        parent: QWidget,
        shows: Shows,
        settings: ViewerSettings,
        recent_changed: Callable[[], object],
        *,
        remember: bool = True,
    ) -> None:
        """Dialogs and status text go to ``parent``; ``recent_changed`` is called when
        the recent list changes. With ``remember``, what was opened, and the folder the
        reader opened it from, are kept in ``settings`` for the sessions to come."""
        self._parent = parent
        self._shows = shows
        self._settings = settings
        self._recent_changed = recent_changed
        self._remember = remember
        self.opened: Path | None = None  # the file or folder on screen
        self._failed: Path | None = None  # what last failed to open (tried again on trust)
        self._loading: Operation[Library] | None = None
        self._last_folder: Path | None = None  # this session's, when not remembered
        self.session_trusted: list[Path] = []  # trusted for this session only (--trust)

    @property
    def trusted(self) -> list[Path]:
        """The folders dossiers may read sources from: the reader's, kept in the
        settings, and this session's."""
        return [*self._settings.trusted_folders(), *self.session_trusted]

    def ask_trust(self) -> bool:
        """Ask for a folder to trust, keep it, and read the open dossier again (its
        sources there may now be read); False when cancelled."""
        from dossier.ui import dialogs  # on first use, after the first paint

        folder = dialogs.ask_trusted_folder(self._parent, self.start_folder())
        if folder is None:
            return False
        self._settings.add_trusted(folder)
        messages.info(f"Trusted {folder}: dossiers may read sources from it", parent=self._parent)
        if self.opened is not None or self._failed is not None:
            self.reload()
        return True

    @property
    def loading(self) -> bool:
        """True while a folder is being loaded in the background."""
        return self._loading is not None

    def open(self, path: Path, *, wait: bool = False, quiet_failures: bool = False) -> bool:
        """Open a file now, or a folder in the background (now too with ``wait``).

        False when it did not open; True when it opened or is loading.
        """
        return self._load(path, reload=False, wait=wait, quiet_failures=quiet_failures)

    def reload(self) -> None:
        """Read the open file or folder again; on failure keep what is shown. With none
        open, try again what last failed to open."""
        if self.opened is not None:
            self._load(self.opened, reload=True, wait=False, quiet_failures=False)
        elif self._failed is not None:
            self._load(self._failed, reload=False, wait=False, quiet_failures=False)

    def _load(self, path: Path, *, reload: bool, wait: bool, quiet_failures: bool) -> bool:
        from dossier.ui import library_loader

        self.cancel()  # what the reader asks for now wins over a folder still loading

        def loaded(library: Library) -> None:
            self._failed = None
            if reload:
                self._shows.show_reloaded(path, library)
                messages.info("Reloaded", parent=self._parent, timeout_ms=RELOADED_MS)
            else:
                self._shows.show_library(path, library, quiet_failures=quiet_failures)
                if self._remember:
                    self._settings.add_recent(path)
                    self._recent_changed()  # Open Recent is enabled once it lists something

        def failed(error: BaseException) -> None:
            if not reload:
                self._failed = path
            self._report(path, error, reload=reload)
            self._shows.open_failed()

        if wait or not path.is_dir():
            try:
                library = library_loader.load(path, self.trusted)
            except (DossierError, OSError) as error:
                failed(error)
                return False
            loaded(library)
            return True

        def arrived(operation: Operation[Library], outcome: Library | BaseException) -> None:
            if operation is not self._loading:
                return  # a newer request replaced this one
            self._loading = None
            messages.clear(self._parent)
            if isinstance(outcome, BaseException):
                failed(outcome)
            else:
                loaded(outcome)

        what = "Reloading" if reload else "Opening the dossiers in"
        messages.info(f"{what} {path}…", parent=self._parent)
        operation = library_loader.load_in_background(
            path,
            lambda library: arrived(operation, library),
            lambda error: arrived(operation, error),
            self._parent,
            self.trusted,
        )
        self._loading = operation
        return True

    def _report(self, path: Path, error: BaseException, *, reload: bool) -> None:
        if isinstance(error, DossierError):
            # The summary names the file; its problems carry the whole path.
            errors.report_dossier_error(self._parent, path.name or str(path), error)
        elif isinstance(error, OSError):
            verb = "reload" if reload else "open"
            errors.report_os_error(self._parent, f"Could not {verb} {path}", error)
        else:
            errors.report_unexpected(type(error), error, error.__traceback__)

    def cancel(self) -> None:
        """Forget a folder still loading (its result will not be shown)."""
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None

    # -- asking the reader -----------------------------------------------------------------
    def ask_file(self) -> None:
        """Ask for a dossier file and open it."""
        from dossier.ui import dialogs

        path = dialogs.ask_open_file(self._parent, self.start_folder())
        if path is not None:
            self._opened_from(path.parent)
            self.open(path)

    def ask_folder(self) -> None:
        """Ask for a folder of dossiers and open it."""
        from dossier.ui import dialogs

        path = dialogs.ask_open_folder(self._parent, self.start_folder())
        if path is not None:
            self._opened_from(path)
            self.open(path)

    def start_folder(self) -> Path:
        """Where the Open dialogs start: the folder the reader last opened from, else home
        (never the folder of a dossier opened for them, such as the bundled one)."""
        folder = self._last_folder
        if folder is None and self._remember:
            folder = self._settings.last_folder()
        return folder if folder is not None and folder.is_dir() else Path.home()

    def _opened_from(self, folder: Path) -> None:
        self._last_folder = folder
        if self._remember:
            self._settings.set_last_folder(folder)

    def drag_entered(self, event: QDragEnterEvent) -> None:
        """Take a drag that carries a dossier file or folder; refuse any other."""
        if dropped_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropped(self, event: QDropEvent) -> None:
        """Open the dossier file or folder dropped (in the background for a folder)."""
        path = dropped_path(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open(path)

    def open_recent(self, path: Path) -> bool:
        """Open a recent file; one that no longer exists is removed, with a message."""
        if not path.exists():
            self._settings.remove_recent(path)
            self._recent_changed()
            messages.warning(
                "File not found",
                f"{path} no longer exists. It has been removed from Open Recent.",
                parent=self._parent,
            )
            return False
        self._opened_from(path if path.is_dir() else path.parent)
        return self.open(path)


def dropped_path(mime: QMimeData) -> Path | None:
    """The dossier file or folder a drop carries, if any."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            from dossier.core.library import DOSSIER_SUFFIXES

            if path.is_dir() or path.suffix.lower() in DOSSIER_SUFFIXES:
                return path
    return None


class AfterFirstPaint(QObject):
    """Calls back once ``widget`` has painted, from the event loop right after, so a
    window appears before the opening that would delay it (a child of ``widget``)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = None

    def call(self, then: Callable[[], object]) -> None:
        """Call ``then`` after the widget's next paint (a later call replaces it)."""
        self._then = then
        widget = self.parent()
        assert isinstance(widget, QWidget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Paint and self._then:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, then)
        return super().eventFilter(watched, event)
