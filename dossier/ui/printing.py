"""Export PDF, Print Preview and Print for the main window, over the one renderer.

The main window wires these to File → Export PDF… (Ctrl+E), Print Preview… and
Print… (Ctrl+P). The export runs in a worker thread, so the window never freezes;
the reader is told where the file went (status bar) or, on failure, why (one line).
Modal dialogs sit behind small module functions so tests can replace them.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QWidget

from dossier.core.briefing import BriefingOptions
from dossier.core.model import Dossier
from dossier.export.layout import BriefingLayout
from dossier.export.pdf import ExportError, ExportResult, build_layout, export_pdf
from dossier.export.render import PAGE_SIZE_IDS, RenderError, prepare_device, render
from dossier.ui import errors
from dossier.ui.export_dialog import ExportDialog
from dossier.ui.settings import open_settings

log = logging.getLogger("dossier.ui")

PDF_FILTER = "PDF documents (*.pdf)"
STATUS_MS = 10_000


# -- dialogs, replaceable in tests ----------------------------------------------------------
def ask_options(parent: QWidget | None, dossier: Dossier) -> BriefingOptions | None:
    """The Export dialog; None when cancelled."""
    return ExportDialog.ask(parent, dossier)


def save_dialog(parent: QWidget | None, suggested: Path) -> QFileDialog:
    """The Save dialog for the PDF: a name typed without ".pdf" gets it *inside* the
    dialog, so the dialog's own "replace the existing file?" question covers it."""
    dialog = QFileDialog(parent, "Export briefing as PDF", str(suggested.parent), PDF_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("pdf")
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, False)
    dialog.selectFile(str(suggested))
    return dialog


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to save the PDF; None when cancelled."""
    dialog = save_dialog(parent, suggested)
    try:
        if not run_dialog(dialog):
            return None
        names = dialog.selectedFiles()
        return Path(names[0]) if names and names[0] else None
    finally:
        dialog.deleteLater()


def run_dialog(dialog: QDialog) -> bool:
    """Show a print or preview dialog modally; True when the reader accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


# -- export -----------------------------------------------------------------------------------
class ExportJob(QObject):
    """An export running in the thread pool; its signals arrive on the GUI thread."""

    finished = Signal(object)  # ExportResult
    failed = Signal(str)  # one line

    def __init__(self, dossier: Dossier, path: Path, options: BriefingOptions) -> None:
        super().__init__()
        self.dossier = dossier
        self.path = path
        self.options = options
        self.result: ExportResult | None = None
        self.error: str | None = None

    def start(self, pool: QThreadPool | None = None) -> None:
        """Run the export in ``pool`` (the global one by default)."""
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def run(self) -> None:
        """The work itself (in a worker thread)."""
        try:
            self.result = export_pdf(self.dossier, self.path, self.options)
        except ExportError as error:
            self.error = str(error)
        except Exception as error:
            log.exception("export failed")
            self.error = f"the export failed unexpectedly: {error}"
        if self.error is not None:
            self.failed.emit(self.error)
        else:
            self.finished.emit(self.result)


class _Runner(QRunnable):
    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()


_running: set[ExportJob] = set()  # keeps jobs alive until they report


def suggested_path(dossier: Dossier) -> Path:
    """The file name offered: last folder used, the dossier's id."""
    folder = str(open_settings().value("export/folder", "") or "")
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
    return Path(folder) / f"{dossier.id}-briefing.pdf"


def export_pdf_interactive(
    parent: QWidget | None, dossier: Dossier, pool: QThreadPool | None = None
) -> ExportJob | None:
    """Ask for the options and a file, then export in the background; None if cancelled."""
    options = ask_options(parent, dossier)
    if options is None:
        return None
    path = ask_save_path(parent, suggested_path(dossier))
    if path is None:
        return None
    store = open_settings()
    store.setValue("export/folder", str(path.parent))
    store.sync()

    job = ExportJob(dossier, path, options)
    _running.add(job)
    _status(parent, f"Exporting the briefing to {path}…")

    def done(result: ExportResult) -> None:
        _running.discard(job)
        _status(parent, f"Briefing exported: {result.path} ({result.pages} pages)")

    def failed(message: str) -> None:
        _running.discard(job)
        _status(parent, "Export failed")
        errors.show_message(parent, "Export failed", f"The briefing was not exported: {message}")

    job.finished.connect(done)
    job.failed.connect(failed)
    job.start(pool)
    return job


def _status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
    log.info("%s", text)


# -- printing ---------------------------------------------------------------------------------
def make_printer(options: BriefingOptions) -> QPrinter:
    """A printer set to the chosen paper, drawing from the paper's corner."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    prepare_device(printer, options.page_size)
    return printer


def _paper_of(printer: QPrinter, fallback: str) -> str:
    size_id = printer.pageLayout().pageSize().id()
    for name, known in PAGE_SIZE_IDS.items():
        if known == size_id:
            return name
    return fallback


def _layout(
    parent: QWidget | None, dossier: Dossier, options: BriefingOptions
) -> BriefingLayout | None:
    try:
        return build_layout(dossier, options)
    except ExportError as error:
        errors.show_message(parent, "Cannot print", f"The briefing cannot be printed: {error}")
        return None


def print_preview(parent: QWidget | None, dossier: Dossier, options: BriefingOptions) -> bool:
    """Show the briefing in a print preview (printable from there); True if printed."""
    layout = _layout(parent, dossier, options)
    if layout is None:
        return False
    printer = make_printer(options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview: {dossier.title}")

    def paint(device: QPrinter) -> None:
        try:
            render(layout, device)
        except RenderError as error:
            log.warning("print preview: %s", error)

    dialog.paintRequested.connect(paint)
    try:
        return run_dialog(dialog)
    finally:
        dialog.deleteLater()


def print_dialog(parent: QWidget | None, dossier: Dossier, options: BriefingOptions) -> bool:
    """Ask for a printer and print the briefing; True if it was sent."""
    layout = _layout(parent, dossier, options)
    if layout is None:
        return False
    printer = make_printer(options)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {dossier.title}")
    try:
        if not run_dialog(dialog):
            return False
    finally:
        dialog.deleteLater()
    paper = _paper_of(printer, options.page_size)
    if paper != layout.geometry.name:
        options = replace(options, page_size=paper)  # every other choice kept
        layout = _layout(parent, dossier, options)
        if layout is None:
            return False
    prepare_device(printer, layout.geometry.name)
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, min(last, layout.pages)) if first > 0 and last > 0 else None
    try:
        render(layout, printer, pages=pages)
    except RenderError as error:
        errors.show_message(parent, "Print failed", f"The briefing was not printed: {error}")
        return False
    return True
