"""The ``dossier`` command line, a public contract: its commands, messages and exit codes.

Exit status: 0 success; 1 bad input or a failure the user can act on, with a one-line
message; 2 a usage error. Qt is imported only by the commands that need it, so
``validate`` and ``search`` start fast and run where no display exists.
"""

from __future__ import annotations

from dossier.cli.launch import main

__all__ = ["main"]
