"""Load a folder of dossiers in a worker thread, so the window stays responsive."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dossier.core.errors import DossierError
from dossier.core.library import load_library

log = logging.getLogger("dossier.ui")


class LibraryJob(QObject):
    """One folder being loaded; its signals arrive on the GUI thread."""

    loaded = Signal(object)  # Library
    failed = Signal(object)  # DossierError, OSError, or an unexpected exception

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def start(self, pool: QThreadPool | None = None) -> None:
        """Load in ``pool`` (the global one by default)."""
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def run(self) -> None:
        """The work itself, in a worker thread."""
        try:
            library = load_library(self.path)
        except (DossierError, OSError) as error:
            self.failed.emit(error)
            return
        except Exception as error:  # the window reports it with details; the app runs on
            log.exception("loading %s failed", self.path)
            self.failed.emit(error)
            return
        self.loaded.emit(library)


class _Runner(QRunnable):
    def __init__(self, job: LibraryJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()
