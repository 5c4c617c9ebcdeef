"""The argument parser, and ``main``: run one command, report a failure in one line.

Every command's module is imported only when that command runs, so a command pays
only for what it uses (``validate`` and ``search`` never import Qt).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from dossier import __version__
from dossier.cli import help_texts as H
from dossier.cli.common import DEFAULT_SEARCH_LIMIT, MAX_LIMIT
from dossier.cli.running import LOG_FORMAT, run_command
from dossier.core.resources import bundled_dossier


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return width, height


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT:,}")
    return value


_SIZE = (1280, 860)  # the screenshot's window size unless --size says otherwise

_BUNDLED = "(default: the bundled dossier)"


def _trusted_folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is not a folder")
    return path


def _trust_argument(parser: argparse.ArgumentParser) -> None:
    """``--trust DIR``: a folder the dossier may read sources from (see the README)."""
    parser.add_argument(
        "--trust",
        action="append",
        type=_trusted_folder,
        default=[],
        metavar="DIR",
        help="let the dossier read sources from DIR as well as its own folder; repeatable "
        "(default: its own folder and the bundled sources only)",
    )


def _view_arguments(view: argparse.ArgumentParser) -> None:
    view.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help=f"a dossier (.yaml) or a folder of them {_BUNDLED}",
    )
    _trust_argument(view)


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="a dossier file (.yaml); one or more"
    )
    _trust_argument(validate)


def _search_arguments(search: argparse.ArgumentParser) -> None:
    search.add_argument(
        "query", nargs="?", metavar="QUERY", help='what to find, as one argument: "grain Kuryk"'
    )
    search.add_argument(
        "--dossier", type=Path, metavar="PATH", help=f"a dossier file or a folder {_BUNDLED}"
    )
    search.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_SEARCH_LIMIT,
        metavar="N",
        help=f"print at most N results, 1 to {MAX_LIMIT:,} (default: %(default)s)",
    )
    search.add_argument(
        "--json", action="store_true", help="print results as a JSON array, for scripts"
    )
    search.add_argument(
        "--notes",
        action="store_true",
        help="also search your notes; they follow the dossier's results (default: no notes)",
    )
    search.add_argument(
        "--forget",
        action="store_true",
        help="delete the search cache (the index of every library) and say what went",
    )
    _trust_argument(search)


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--dossier",
        type=Path,
        metavar="PATH",
        help=f"a dossier file, or a folder of them (then -o names a folder) {_BUNDLED}",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.pdf",
        help="the file to write (required): .pdf, .odt, .docx, .md or .html; "
        "an existing file is replaced",
    )
    export.add_argument(
        "--format",
        dest="output_format",
        metavar="FORMAT",
        help="pdf, odt, docx, md or html (default: from the output's suffix; pdf for a folder)",
    )
    export.add_argument(
        "--template",
        default="full",
        metavar="NAME",
        help="full, brief (a read-ahead of at most two pages) or points (talking points "
        "on one page) (default: %(default)s)",
    )
    export.add_argument(
        "--points",
        metavar="ID,ID",
        help="the talking points, as item ids like politics/point/3; overrides "
        "--points-from (default: the points marked in your notes)",
    )
    export.add_argument(
        "--points-from",
        metavar="colour:NAME,tag:NAME",
        help="with --template brief or points, the talking points are the points your "
        "notes mark with this colour (key or name) or tag, or none for no notes; with "
        "none marked, the first point of each section (default: the colour named "
        "'Raise in meeting')",
    )
    export.add_argument(
        "--portion-marks",
        action="store_true",
        help="print each paragraph's marking, e.g. (R), before it",
    )
    export.add_argument(
        "--handling",
        metavar="TEXT",
        help="a handling caveat printed under the banner (default: the dossier's own)",
    )
    export.add_argument(
        "--draft", action="store_true", help="print a DRAFT watermark on every page"
    )
    export.add_argument(
        "--sections",
        metavar="ID,ID",
        help="only these sections, in this order (default: all, in the dossier's order)",
    )
    export.add_argument(
        "--page-size",
        choices=("A4", "Letter"),
        default="A4",
        help="the paper size (default: %(default)s)",
    )
    export.add_argument(
        "--classification",
        metavar="TEXT",
        help="the classification printed in the banner (default: the dossier's own)",
    )
    export.add_argument(
        "--appendix",
        action="store_true",
        help="append the source text (default: no appendix)",
    )
    export.add_argument(
        "--notes", action="store_true", help="print your notes: marks and an Analyst notes part"
    )
    export.add_argument(
        "--notes-filter",
        metavar="colour:NAME,tag:NAME",
        help="with --notes, only the notes of these colours and tags (e.g. colour:yellow)",
    )
    _trust_argument(export)


def _screenshot_arguments(shot: argparse.ArgumentParser) -> None:
    shot.add_argument(
        "--dossier", type=Path, metavar="PATH", help=f"a dossier file or a folder {_BUNDLED}"
    )
    shot.add_argument(
        "--tab",
        metavar="ID",
        help="overview, a section id, source (the first source) or source:ID (default: overview)",
    )
    shot.add_argument(
        "--size",
        type=_size,
        default=_SIZE,
        metavar="WxH",
        help="the window size in pixels, each 200 to 8000 (default: {}x{})".format(*_SIZE),
    )
    shot.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.png",
        help="the PNG to write (required); an existing file is replaced",
    )
    _trust_argument(shot)


def _notes_arguments(notes: argparse.ArgumentParser) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    actions = notes.add_subparsers(
        dest="notes_command", metavar="ACTION", required=True, help="list, export or import"
    )

    def action(name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
        return actions.add_parser(
            name, help=summary, description=description, epilog=examples, formatter_class=raw
        )

    dossier_help = f"the dossier the notes are on, a file {_BUNDLED}"
    listing = action(
        "list",
        "print the notes of a dossier",
        H.NOTES_LIST,
        H.NOTES_LIST_EXAMPLES,
    )
    listing.add_argument("--dossier", type=Path, metavar="PATH", help=dossier_help)
    _trust_argument(listing)
    listing.add_argument(
        "--json", action="store_true", help="print the notes as a JSON array, for scripts"
    )
    export = action(
        "export",
        "write the notes to a file",
        H.NOTES_EXPORT,
        H.NOTES_EXPORT_EXAMPLES,
    )
    export.add_argument("--dossier", type=Path, metavar="PATH", help=dossier_help)
    _trust_argument(export)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the file to write (required); an existing file is replaced",
    )
    export.add_argument(
        "--format",
        choices=("json", "md"),
        help="W3C Web Annotation JSON or Markdown (default: md for a .md FILE, else json)",
    )
    merge = action(
        "import",
        "merge notes from a file",
        H.NOTES_IMPORT,
        H.NOTES_IMPORT_EXAMPLES,
    )
    merge.add_argument("file", type=Path, metavar="FILE", help="the notes file (JSON) to import")
    merge.add_argument(
        "--dossier",
        type=Path,
        metavar="PATH",
        help=f"the dossier to place plain W3C annotations on, by quote {_BUNDLED}",
    )
    _trust_argument(merge)


# name, the line in ``dossier --help``, description, examples, arguments
_COMMANDS: tuple[tuple[str, str, str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("view", "open the viewer on a dossier file or folder", H.VIEW, H.VIEW_EXAMPLES,
     _view_arguments),
    ("validate", "check dossier files", H.VALIDATE, H.VALIDATE_EXAMPLES, _validate_arguments),
    ("search", "search a dossier or a folder of dossiers", H.SEARCH, H.SEARCH_EXAMPLES,
     _search_arguments),
    ("export", "export the briefing (PDF, ODT, DOCX, Markdown, HTML)", H.EXPORT,
     H.EXPORT_EXAMPLES, _export_arguments),
    ("screenshot", "render the window offscreen to a PNG", H.SCREENSHOT, H.SCREENSHOT_EXAMPLES,
     _screenshot_arguments),
    ("notes", "list, export and import your notes", H.NOTES, H.NOTES_EXAMPLES, _notes_arguments),
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand, with its help and examples."""
    raw = argparse.RawDescriptionHelpFormatter  # keeps the examples' lines as written
    parser = argparse.ArgumentParser(
        prog="dossier",
        description=H.DESCRIPTION,
        epilog=H.EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="log what happens, on standard error"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, summary, description, examples, add_arguments in _COMMANDS:
        add_arguments(
            commands.add_parser(
                name, help=summary, description=description, epilog=examples, formatter_class=raw
            )
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, every command read by the full parser; return the exit
    status (``dossier.cli.main`` reads a plain search without it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "search" and args.query is None and not args.forget:
        parser.error("search: a QUERY is needed (or --forget)")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format=LOG_FORMAT)
    return run_command(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "view"
    if command == "validate":
        from dossier.cli import validate

        return validate.run_validate(args.paths, args.trust)
    if command == "search":
        from dossier.cli import search
        from dossier.cli.quick import SearchArguments

        dossier = None if args.dossier is None else str(args.dossier)
        fields = (args.query, dossier, args.limit, args.json, args.notes, args.forget)
        return search.run(SearchArguments(*fields, [str(folder) for folder in args.trust]))
    if command == "export":
        from dossier.cli import export

        return export.run_export(
            dossier_path=args.dossier or bundled_dossier(),
            output=args.output,
            sections=args.sections,
            page_size=args.page_size,
            classification=args.classification,
            appendix=args.appendix,
            template=args.template,
            points=args.points,
            points_from=args.points_from,
            portion_marks=args.portion_marks,
            handling=args.handling,
            draft=args.draft,
            output_format=args.output_format,
            notes=args.notes or args.notes_filter is not None,
            notes_filter=args.notes_filter,
            trusted=args.trust,
        )
    if command == "screenshot":
        from dossier.cli import screenshot

        return screenshot.run_screenshot(
            args.dossier or bundled_dossier(), args.tab, args.size, args.output, trusted=args.trust
        )
    if command == "notes":
        from dossier.cli import notes

        return notes.run_notes(args)
    from dossier.cli import view

    return view.run_view(getattr(args, "path", None), getattr(args, "trust", []))
