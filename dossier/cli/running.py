"""Running one command: its exit status, and any failure told in one line.

Shared by the full argument parser and the quick path of ``dossier search``
(:mod:`dossier.cli.quick`), so a command fails the same way however it was read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from dossier.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, UserError
from dossier.core.errors import DossierError
from dossier.core.logs import get_logger
from dossier.core.text import printable

LOG_FORMAT = "%(name)s: %(levelname)s: %(message)s"


def run_command(command: Callable[[], int]) -> int:
    """Run ``command``; return its exit status, or report what went wrong in one line."""
    try:
        return command()
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
        get_logger("dossier").debug("unexpected error", exc_info=True)
        message = printable(repr(error))
        print(
            f"dossier: unexpected error: {message} (set DOSSIER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
