"""Running one command: its exit status, and any failure told in one line.

Shared by the full argument parser and the quick path of ``dossier search``
(:mod:`dossier.cli.quick`), so a command fails the same way however it was read.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from dossier.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, UserError
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
        # The reader went away (`| head -1`): what was left unread may have been a
        # problem, so the status is a failure, as for any program killed by SIGPIPE.
        _drop_stdout()
        return EXIT_FAILURE
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            raise
        _drop_stdout()  # a full disk under a redirected output (`> /dev/full`)
        print(f"dossier: cannot write the output: {error.strerror}", file=sys.stderr)
        return EXIT_FAILURE
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


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush of what could
    not be written does not fail again, with a traceback, as the process exits."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no standard output at all
        pass
