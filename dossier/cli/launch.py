"""``main``: a plain search or view goes straight to its work, anything else to the parser.

``dossier search`` answers in a few tens of milliseconds from the cache, so what it
imports shows: the quick reading of its arguments (:mod:`dossier.cli.quick`) spares
it argparse and the full parser, and its loggers spare it :mod:`logging`, which is
configured only if a message is to be shown (:mod:`dossier.core.logs`). A plain
``dossier view`` is spared the parser too; its window logs through :mod:`logging`,
which PySide6 imports anyway, so logging is configured as the parser configures it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from dossier.cli.quick import SearchArguments, ViewArguments, read_search, read_view
from dossier.cli.running import LOG_FORMAT, run_command
from dossier.core.logs import WARNING, configure_on_first_use


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    search = read_search(arguments)
    if search is not None:
        if argv is None:  # the process's own command line: it ends with the search
            # Every bulk step of a search pauses the collector already (see
            # dossier.core.bulk); its passes over what the imports and the scan leave
            # alive find no garbage, and re-enabling it after the scan cost a collection.
            gc.disable()
        configure_on_first_use(WARNING, LOG_FORMAT)
        return run_command(lambda: _search(search))
    view = read_view(arguments)
    if view is not None:
        import logging

        logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
        return run_command(lambda: _view(view))
    from dossier.cli.parser import main as parse_and_run

    return parse_and_run(arguments)


def _search(arguments: SearchArguments) -> int:
    from dossier.cli import search

    return search.run(arguments)


def _view(arguments: ViewArguments) -> int:
    from dossier.cli import view

    return view.run_view(arguments.path, arguments.trust)
