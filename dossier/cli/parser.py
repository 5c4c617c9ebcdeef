"""The argument parser, and ``main``: run one command, report a failure in one line.

Every command's module is imported only when that command runs, so a command pays
only for what it uses (``validate`` and ``search`` never import Qt).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Read, search and print structured bilateral-relations dossiers.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    view = commands.add_parser("view", help="open the viewer on a dossier file or folder")
    view.add_argument("path", nargs="?", type=Path, help="a dossier (.yaml) or a folder of them")

    validate = commands.add_parser("validate", help="check dossier files")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    search = commands.add_parser("search", help="search a dossier or a folder of dossiers")
    search.add_argument("query")
    search.add_argument("--dossier", type=Path, metavar="PATH", help="file or folder")
    search.add_argument("--limit", type=_positive, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="print results as JSON")

    export = commands.add_parser("export", help="export the briefing as a PDF")
    export.add_argument("--dossier", type=Path, metavar="PATH")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    export.add_argument("--sections", metavar="ID,ID", help="only these sections, in this order")
    export.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    export.add_argument("--classification", metavar="TEXT", help="override the banner")
    export.add_argument("--appendix", action="store_true", help="append the source text")

    shot = commands.add_parser("screenshot", help="render the window offscreen to a PNG")
    shot.add_argument("--dossier", type=Path, metavar="PATH")
    shot.add_argument("--tab", metavar="ID", help="overview, a section id, or source:ID")
    shot.add_argument("--size", type=_size, default=(1280, 860), metavar="WxH")
    shot.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.png")
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
        )
    if command == "screenshot":
        from dossier.cli import screenshot

        return screenshot.run_screenshot(
            args.dossier or bundled_dossier(), args.tab, args.size, args.output
        )
    from dossier.cli import view

    return view.run_view(getattr(args, "path", None))
