"""``dossier export``: the briefing (PDF, ODT, DOCX, Markdown, HTML) from the command line,
headless; one dossier to a file, or a folder of dossiers to a folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.cli.common import EXIT_FAILURE, EXIT_OK, UserError
from dossier.core.briefing.choices import (
    BRIEF,
    FULL,
    POINTS_TEMPLATE,
    BriefingError,
    BriefingOptions,
    check_template,
    parse_points,
    parse_sections,
)
from dossier.core.briefing.marked_points import DEFAULT, PointsFrom, parse_points_from
from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from dossier.core.loader.marking_checks import marking_problem
from dossier.core.text import printable

if TYPE_CHECKING:
    from dossier.core.briefing.analyst_notes import PrintedNotes
    from dossier.core.briefing.marked_points import MarkedPoints
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


@dataclass(frozen=True)
class ExportRequest:
    """What the command line asked for."""

    dossier_path: Path
    output: Path
    options: BriefingOptions
    output_format: str | None = None  # None: from the output's suffix
    notes: bool = False  # print the reader's notes
    notes_filter: str | None = None  # only these colours and tags ("colour:yellow,tag:x")
    points_from: PointsFrom = DEFAULT  # which notes mark the talking points
    trusted: tuple[Path, ...] = ()  # folders the dossiers may read sources from (--trust)

    def options_for(self, dossier: Dossier) -> BriefingOptions:
        """The options for ``dossier``: its notes when they are to be printed, and the
        points its notes mark when the template prints talking points."""
        options = self.options
        if self.notes:
            options = replace(options, notes=_notes_to_print(dossier, self.notes_filter))
        if options.template in (BRIEF, POINTS_TEMPLATE) and options.points is None:
            marked = marked_points_of(dossier, self.points_from)
            options = replace(options, marked=marked.anchors, marked_how=marked.how)
        return options


def run_export(
    *,
    dossier_path: Path,
    output: Path,
    sections: str | None,
    page_size: str,
    classification: str | None,
    appendix: bool,
    template: str = FULL,
    points: str | None = None,
    points_from: str | None = None,
    portion_marks: bool = False,
    handling: str | None = None,
    draft: bool = False,
    output_format: str | None = None,
    notes: bool = False,
    notes_filter: str | None = None,
    trusted: Sequence[Path] = (),
) -> int:
    """Export the briefing and say where it went; return 0 (1 when a dossier of a folder
    could not be exported; the others still are).

    A bad output path or option raises UserError; a dossier that does not load raises
    DossierError. Both are told to the user by ``dossier.cli.parser.main``.
    """
    try:
        options = BriefingOptions(
            sections=parse_sections(sections),
            page_size=page_size,
            classification=classification,
            appendix=appendix,
            template=check_template(template),
            points=parse_points(points),
            portion_marks=portion_marks,
            handling=handling,
            draft=draft,
        )
        choice = parse_points_from(points_from)
    except (BriefingError, ValueError) as error:
        raise UserError(str(error)) from None
    if classification is not None and classification.strip():
        wrong = marking_problem(classification)  # the banner must read as it is stored
        if wrong is not None:
            raise UserError(f"--classification: {wrong}")
    request = ExportRequest(
        dossier_path, output, options, output_format, notes, notes_filter, choice, tuple(trusted)
    )
    if dossier_path.is_dir():
        return _export_folder(request)
    return _export_one(request)


def _export_one(request: ExportRequest) -> int:
    from dossier.export.formats import check_format
    from dossier.export.pdf import ExportError, check_output

    try:
        # what the path is (a folder, read-only) before what its suffix asks for
        check_output(request.output, any_suffix=True)  # fail fast, before loading anything
        fmt = check_format(request.output, request.output_format)
    except ExportError as error:
        raise UserError(str(error)) from None
    dossier = load_dossier(request.dossier_path, request.trusted)
    ensure_gui_application()
    from dossier.export.formats import export_briefing

    try:
        result = export_briefing(dossier, request.output, request.options_for(dossier), fmt)
    except ExportError as error:
        raise UserError(str(error)) from None
    print(printable(f"wrote {result.path} ({_pages(result.pages)})"))
    return EXIT_OK


def _export_folder(request: ExportRequest) -> int:
    """One briefing per valid dossier of the folder into the output folder, and one line
    on standard error for each dossier that cannot be exported."""
    from dossier.core.library import dossier_files
    from dossier.export.formats import FORMATS, export_briefing
    from dossier.export.pdf import ExportError

    folder = request.output
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise UserError(f"the output folder {what}: {folder}")
    fmt = (request.output_format or "pdf").strip().lower()
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    files = dossier_files(request.dossier_path)
    if not files:
        raise UserError(f"the folder holds no dossier (.yaml) files: {request.dossier_path}")
    ensure_gui_application()
    status = EXIT_OK
    suffix = "" if request.options.template == FULL else f"-{request.options.template}"
    written: dict[str, Path] = {}  # dossier id -> the file it came from, in this run
    for path in files:
        try:
            dossier = load_dossier(path, request.trusted)
            first = written.get(dossier.id)
            if first is not None:  # its briefing would replace the other's
                message = f"{path}: dossier id {dossier.id!r} is already used by {first}"
                print(printable(f"{message}; not exported"), file=sys.stderr)
                status = EXIT_FAILURE
                continue
            written[dossier.id] = path
            out = folder / f"{dossier.id}{suffix}.{fmt}"
            result = export_briefing(dossier, out, request.options_for(dossier), fmt)
        except DossierError as error:
            print(printable(str(error)), file=sys.stderr)
            status = EXIT_FAILURE
            continue
        except ExportError as error:
            print(printable(f"{path}: {error}"), file=sys.stderr)
            status = EXIT_FAILURE
            continue
        print(printable(f"wrote {result.path} ({_pages(result.pages)})"))
    return status


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}" if count else "no pages: an editable file"


def _notes_to_print(dossier: Dossier, spec: str | None) -> PrintedNotes:
    """The reader's notes on ``dossier`` for the briefing (read only, never written)."""
    from dossier.core.briefing.analyst_notes import PrintedNotes, parse_notes_filter, printed_notes
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


def marked_points_of(dossier: Dossier, choice: PointsFrom) -> MarkedPoints:
    """The points of ``dossier`` the reader's notes mark (read only, never written).

    A notes database that cannot be read is an error when the reader named the notes
    to use; by default it is a warning, and the first point of each section stands in.
    """
    from dossier.core.briefing.marked_points import MarkedPoints, marked_points
    from dossier.core.notes import NotesStore, NotesStoreError, notes_path

    path = notes_path()
    try:
        if not choice.use_notes or not path.exists():
            return marked_points(None, dossier, choice)
        with NotesStore.open_read_only(path) as store:
            return marked_points(store, dossier, choice)
    except ValueError as error:  # a colour that does not exist
        raise UserError(str(error)) from None
    except NotesStoreError as error:
        if not choice.default:
            raise UserError(f"cannot read the talking points from the notes: {error}") from None
        print(
            printable(
                f"dossier: warning: the notes cannot be read ({error}); the talking "
                "points are the first point of each section"
            ),
            file=sys.stderr,
        )
        return MarkedPoints()
