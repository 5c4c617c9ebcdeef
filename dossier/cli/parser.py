"""The argument parser, and ``main``: run one command, report a failure in one line.

Every command's module is imported only when that command runs, so a command pays
only for what it uses (``validate`` and ``search`` never import Qt).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dossier import __version__
from dossier.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, UserError
from dossier.core.errors import DossierError
from dossier.core.resources import bundled_dossier
from dossier.core.text import printable

MAX_LIMIT = 10_000  # results one search may print


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

_DESCRIPTION = """\
Read, search and print structured bilateral-relations dossiers.

Without a command, dossier opens the viewer on the bundled dossier, as
"dossier view" does."""

_EPILOG = """\
examples:
  dossier                          open the viewer on the bundled dossier
  dossier view ~/dossiers/         open every dossier in a folder
  dossier validate my.yaml         check a dossier before you share it
  dossier search "grain Kuryk"     search the bundled dossier

exit status: 0 success; 1 a failure you can act on, told in one line;
2 a usage error. Set DOSSIER_DEBUG=1 to see a traceback for an unexpected
error. "dossier COMMAND --help" shows a command's options and examples."""

_VIEW = """\
Open the viewer on a dossier file, on every dossier in a folder, or without
PATH on the bundled dossier. The viewer needs a display; "dossier export" and
"dossier screenshot" work without one."""

_VIEW_EXAMPLES = """\
examples:
  dossier view                     the bundled dossier
  dossier view kazakhstan.yaml     one dossier
  dossier view ~/dossiers/         every dossier in a folder"""

_VALIDATE = """\
Check dossier files: their keys, types and dates, and that every cited
passage is in its source. Prints one line per valid file with what it holds,
and one line per problem as PATH:LINE:COL: message. Exits 1 if any file has a
problem; the other files are still checked."""

_VALIDATE_EXAMPLES = """\
examples:
  dossier validate kazakhstan.yaml
  dossier validate ~/dossiers/*.yaml"""

_SEARCH = """\
Search the bundled dossier, a dossier file, or every dossier in a folder, and
print the best results first, matched words in [brackets] (in bold on a
terminal unless NO_COLOR is set). Words match in any order; "quoted words"
match as a phrase; section:ID keeps one section's results. Exits 0 whether or
not anything matched; invalid dossiers in a folder are skipped with a warning."""

_SEARCH_EXAMPLES = """\
examples:
  dossier search Kuryk
  dossier search '"Caspian Sea"' --limit 5
  dossier search 'section:energy oil' --dossier ~/dossiers/ --json"""

_EXPORT = """\
Write the briefing PDF of a dossier: a cover, the contents, the sections with
their citations, and on request the source text. Works without a display."""

_EXPORT_EXAMPLES = """\
examples:
  dossier export -o briefing.pdf
  dossier export --dossier baku.yaml --page-size Letter -o baku.pdf
  dossier export --sections energy,trade --classification Internal -o short.pdf"""

_SCREENSHOT = """\
Render the viewer window offscreen on one tab and save it as a PNG, for
documentation and review. Works without a display."""

_SCREENSHOT_EXAMPLES = """\
examples:
  dossier screenshot -o overview.png
  dossier screenshot --tab energy --size 900x640 -o energy.png
  dossier screenshot --dossier ~/dossiers/ --tab source -o source.png"""

_BUNDLED = "(default: the bundled dossier)"


def _view_arguments(view: argparse.ArgumentParser) -> None:
    view.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help=f"a dossier (.yaml) or a folder of them {_BUNDLED}",
    )


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="a dossier file (.yaml); one or more"
    )


def _search_arguments(search: argparse.ArgumentParser) -> None:
    search.add_argument(
        "query", metavar="QUERY", help='what to find, as one argument: "grain Kuryk"'
    )
    search.add_argument(
        "--dossier", type=Path, metavar="PATH", help=f"a dossier file or a folder {_BUNDLED}"
    )
    search.add_argument(
        "--limit",
        type=_positive,
        default=20,
        metavar="N",
        help=f"print at most N results, 1 to {MAX_LIMIT:,} (default: %(default)s)",
    )
    search.add_argument(
        "--json", action="store_true", help="print results as a JSON array, for scripts"
    )


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("--dossier", type=Path, metavar="PATH", help=f"a dossier file {_BUNDLED}")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.pdf",
        help="the PDF to write (required); an existing file is replaced",
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


# name, the line in ``dossier --help``, description, examples, arguments
_COMMANDS: tuple[tuple[str, str, str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("view", "open the viewer on a dossier file or folder", _VIEW, _VIEW_EXAMPLES,
     _view_arguments),
    ("validate", "check dossier files", _VALIDATE, _VALIDATE_EXAMPLES, _validate_arguments),
    ("search", "search a dossier or a folder of dossiers", _SEARCH, _SEARCH_EXAMPLES,
     _search_arguments),
    ("export", "export the briefing as a PDF", _EXPORT, _EXPORT_EXAMPLES, _export_arguments),
    ("screenshot", "render the window offscreen to a PNG", _SCREENSHOT, _SCREENSHOT_EXAMPLES,
     _screenshot_arguments),
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand, with its help and examples."""
    raw = argparse.RawDescriptionHelpFormatter  # keeps the examples' lines as written
    parser = argparse.ArgumentParser(
        prog="dossier", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=raw
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
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(name)s: %(levelname)s: %(message)s",
    )
    try:
        return _dispatch(args)
    except UserError as error:
        print(f"dossier: {printable(str(error))}", file=sys.stderr)
        return EXIT_FAILURE
    except DossierError as error:
        for problem in error.problems:
            print(printable(str(problem)), file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        # The traceback is for developers (DOSSIER_DEBUG=1); the user gets one line.
        logging.getLogger("dossier").debug("unexpected error", exc_info=True)
        message = printable(repr(error))
        print(
            f"dossier: unexpected error: {message} (set DOSSIER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_FAILURE


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "view"
    if command == "validate":
        from dossier.cli import validate

        return validate.run_validate(args.paths)
    if command == "search":
        from dossier.cli import search

        return search.run_search(args.query, args.dossier, args.limit, as_json=args.json)
    if command == "export":
        from dossier.cli import export

        return export.run_export(
            dossier_path=args.dossier or bundled_dossier(),
            output=args.output,
            sections=args.sections,
            page_size=args.page_size,
            classification=args.classification,
            appendix=args.appendix,
            notes=args.notes or args.notes_filter is not None,
            notes_filter=args.notes_filter,
        )
    if command == "screenshot":
        from dossier.cli import screenshot

        return screenshot.run_screenshot(
            args.dossier or bundled_dossier(), args.tab, args.size, args.output
        )
    from dossier.cli import view

    return view.run_view(getattr(args, "path", None))
