"""Export PDF, Print Preview and Print for the main window, over the one renderer.

The main window wires these to File → Export PDF… (Ctrl+E), Print Preview… and
Print… (Ctrl+P). The export, and the layout before a preview or a print, run in a
worker thread (:mod:`dossier.ui.operations`), so the window never freezes; the
dialogs open on the GUI thread once the layout is done. The reader is told where
the file went (status bar) or, on failure, why (one line). Modal dialogs sit behind
small module functions so tests can replace them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSize, QStandardPaths, QThreadPool
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.model import Dossier
from dossier.export.layout import BriefingLayout
from dossier.export.pdf import ExportError, ExportResult, build_layout, export_pdf
from dossier.export.render import PAGE_SIZE_IDS, RenderError, prepare_device, render
from dossier.ui import dialogs, errors, messages, operations
from dossier.ui.export_dialog import ExportDialog
from dossier.ui.operations import Operation
from dossier.ui.screen_fit import resize_to_fit
from dossier.ui.settings import open_settings, read_text

log = logging.getLogger("dossier.ui")

PDF_FILTER = "PDF documents (*.pdf)"
STATUS_MS = 10_000
PREVIEW_SIZE = QSize(1100, 1200)  # a page and a half tall; cut to the screen


class Purpose(NamedTuple):
    """What the options are asked for: the dialog's title and its OK button's text."""

    title: str
    action: str


EXPORT = Purpose("Export briefing", "&Export…")
PREVIEW = Purpose("Print preview", "Pre&view…")
PRINT = Purpose("Print briefing", "&Print…")


# -- dialogs, replaceable in tests ----------------------------------------------------------
def ask_options(
    parent: QWidget | None, dossier: Dossier, purpose: Purpose = EXPORT
) -> BriefingOptions | None:
    """The briefing's options, asked for ``purpose``; None when cancelled."""
    return ExportDialog.ask(parent, dossier, title=purpose.title, action=purpose.action)


def save_dialog(parent: QWidget | None, suggested: Path) -> QFileDialog:
    """The Save dialog for the PDF: a name typed without ".pdf" gets it *inside* the
    dialog, so the dialog's own "replace the existing file?" question covers it."""
    dialog = dialogs.file_dialog(parent, "Export briefing as PDF", suggested.parent)
    dialog.setNameFilter(PDF_FILTER)
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
def default_folder() -> Path:
    """Where a briefing is saved unless the reader says otherwise: the folder used last,
    else the standard documents folder, else home; always one that exists (a proposal
    inside a missing folder fails however the reader names the file)."""
    last = read_text(open_settings(), "export/folder")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def suggested_path(dossier: Dossier) -> Path:
    """The file name offered: the dossier's id, in :func:`default_folder`."""
    return default_folder() / f"{dossier.id}-briefing.pdf"


def export_pdf_interactive(
    parent: QWidget | None, dossier: Dossier, pool: QThreadPool | None = None
) -> Operation[ExportResult] | None:
    """Ask for the options and a file, then export in the background; None if cancelled.

    When the export fails the reader is warned and may choose another file: the options
    chosen are kept for it.
    """
    options = ask_options(parent, dossier)
    if options is None:
        return None
    return _export_to_chosen_file(parent, dossier, options, suggested_path(dossier), pool)


def _export_to_chosen_file(
    parent: QWidget | None,
    dossier: Dossier,
    options: BriefingOptions,
    suggested: Path,
    pool: QThreadPool | None,
) -> Operation[ExportResult] | None:
    path = ask_save_path(parent, suggested)
    if path is None:
        return None
    if path.parent.is_dir():
        store = open_settings()
        store.setValue("export/folder", str(path.parent))
        store.sync()
    messages.info(f"Exporting the briefing to {path}…", parent=parent, timeout_ms=STATUS_MS)

    def done(result: ExportResult) -> None:
        messages.info(
            f"Briefing exported: {result.path} ({result.pages} pages)",
            parent=parent,
            timeout_ms=STATUS_MS,
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, ExportError):
            reason = str(error)
        else:
            log.error("export failed", exc_info=error)
            reason = f"the export failed unexpectedly: {error}"
        messages.info("Export failed", parent=parent, timeout_ms=STATUS_MS)
        text = f"The briefing was not exported: {reason}"
        if messages.ask_again("Export failed", text, "Choose &Another File…", parent=parent):
            again = path if path.parent.is_dir() else default_folder() / path.name
            _export_to_chosen_file(parent, dossier, options, again, pool)

    return operations.run(
        lambda: export_pdf(dossier, path, options),
        done,
        failed,
        parent=parent,
        what="The export",
        pool=pool,
        qt_work=True,
    )


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


def print_preview(
    parent: QWidget | None,
    dossier: Dossier,
    options: BriefingOptions,
    pool: QThreadPool | None = None,
) -> Operation[BriefingLayout]:
    """Lay the briefing out in the background, then show it in a print preview
    (printable from there)."""
    return _laid_out(
        parent, dossier, options, lambda layout: _preview(parent, dossier, options, layout), pool
    )


def print_dialog(
    parent: QWidget | None,
    dossier: Dossier,
    options: BriefingOptions,
    pool: QThreadPool | None = None,
) -> Operation[BriefingLayout]:
    """Lay the briefing out in the background, then ask for a printer and print."""
    return _laid_out(
        parent, dossier, options, lambda layout: _print(parent, dossier, options, layout), pool
    )


def _laid_out(
    parent: QWidget | None,
    dossier: Dossier,
    options: BriefingOptions,
    then: Callable[[BriefingLayout], object],
    pool: QThreadPool | None = None,
) -> Operation[BriefingLayout]:
    def failed(error: BaseException) -> None:
        if isinstance(error, ExportError):
            messages.warning(
                "Cannot print", f"The briefing cannot be printed: {error}", parent=parent
            )
        else:
            errors.report_unexpected(type(error), error, error.__traceback__, parent)

    return operations.run(
        lambda: build_layout(dossier, options),
        then,
        failed,
        parent=parent,
        what="Printing",
        pool=pool,
        qt_work=True,
    )


def _preview(
    parent: QWidget | None, dossier: Dossier, options: BriefingOptions, layout: BriefingLayout
) -> bool:
    """Show ``layout`` in a print preview; True if printed from there."""
    printer = make_printer(options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview: {dossier.title}")
    # Qt's own size leaves a page at a quarter of its size and, at 2x, Print itself
    # behind the toolbar's overflow: as much of the screen as a page can use.
    resize_to_fit(dialog, PREVIEW_SIZE)

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


def _print(
    parent: QWidget | None, dossier: Dossier, options: BriefingOptions, layout: BriefingLayout
) -> bool:
    """Ask for a printer and print ``layout`` (laid out again for other paper); True if
    it was sent."""
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
        other = replace(options, page_size=paper)  # every other choice kept
        _laid_out(parent, dossier, other, lambda again: _send(parent, printer, again))
        return True
    return _send(parent, printer, layout)


def _send(parent: QWidget | None, printer: QPrinter, layout: BriefingLayout) -> bool:
    prepare_device(printer, layout.geometry.name)
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, min(last, layout.pages)) if first > 0 and last > 0 else None
    try:
        render(layout, printer, pages=pages)
    except RenderError as error:
        messages.warning("Print failed", f"The briefing was not printed: {error}", parent=parent)
        return False
    return True
