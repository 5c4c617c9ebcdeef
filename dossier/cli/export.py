"""``dossier export``: the briefing PDF from the command line, headless."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.cli.common import EXIT_OK, UserError
from dossier.core.briefing import BriefingError, BriefingOptions, parse_sections
from dossier.core.loader import load_dossier

if TYPE_CHECKING:
    from dossier.core.briefing_notes import PrintedNotes
    from dossier.core.model import Dossier


def ensure_gui_application() -> object:
    """The running QGuiApplication, or a new one (offscreen when there is no display).

    The export never shows a window, so unless a display or a Qt platform is named it
    renders offscreen on every system, not only where Qt would otherwise abort.
    """
    if not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0] if sys.argv else "dossier"])
    return app


def run_export(
    *,
    dossier_path: Path,
    output: Path,
    sections: str | None,
    page_size: str,
    classification: str | None,
    appendix: bool,
    notes: bool = False,
    notes_filter: str | None = None,
) -> int:
    """Export the briefing and say where it went; return 0.

    A bad output path or option raises UserError; a dossier that does not load raises
    DossierError. Both are told to the user by ``dossier.cli.parser.main``.
    """
    from dossier.export.pdf import ExportError, check_output

    try:
        check_output(output)  # before loading anything: fail fast on a bad path
        options = BriefingOptions(
            sections=parse_sections(sections),
            page_size=page_size,
            classification=classification,
            appendix=appendix,
        )
    except (ExportError, BriefingError) as error:
        raise UserError(str(error)) from None
    dossier = load_dossier(dossier_path)
    if notes:
        options = replace(options, notes=_notes_to_print(dossier, notes_filter))
    ensure_gui_application()
    from dossier.export.pdf import export_pdf

    try:
        result = export_pdf(dossier, output, options)
    except ExportError as error:
        raise UserError(str(error)) from None
    print(f"wrote {result.path} ({result.pages} pages)")
    return EXIT_OK


def _notes_to_print(dossier: Dossier, spec: str | None) -> PrintedNotes:
    """The reader's notes on ``dossier`` for the briefing (read only, never written)."""
    from dossier.core.briefing_notes import PrintedNotes, parse_notes_filter, printed_notes
    from dossier.core.notes import NotesStore, NotesStoreError, notes_path

    try:
        colours, tags = parse_notes_filter(spec)
    except ValueError as error:
        raise UserError(str(error)) from None
    path = notes_path()
    if not path.exists():
        return PrintedNotes(())  # no notes yet: the part says so
    try:
        with NotesStore.open_read_only(path) as store:
            return printed_notes(store, dossier, colours, tags)
    except NotesStoreError as error:
        raise UserError(f"cannot print the notes: {error}") from None
