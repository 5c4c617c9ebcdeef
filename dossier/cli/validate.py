"""``dossier validate PATH...``: check dossier files, one line per file or problem."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dossier.cli.common import EXIT_FAILURE, EXIT_OK
from dossier.core.errors import DossierError
from dossier.core.text import printable


def run_validate(paths: Sequence[Path], trusted: Sequence[Path] = ()) -> int:
    """Print a summary of each valid file and every problem of the others (on stdout).

    Returns 0 when every file is valid, else 1; one bad file does not stop the rest.
    ``trusted``: folders the user lets the dossiers read sources from (``--trust``).
    """
    from dossier.core.loader import load_dossier

    status = EXIT_OK
    for path in paths:
        try:
            dossier = load_dossier(path, trusted)
        except DossierError as error:
            for problem in error.problems:
                print(printable(str(problem)))
            status = EXIT_FAILURE
            continue
        counts = dossier.counts()
        print(
            printable(
                f"{path}: valid: {counts['sections']} sections, {counts['points']} points, "
                f"{counts['figures']} figures, {counts['events']} events, "
                f"{counts['entities']} entities, {counts['quotes']} quotes, "
                f"{counts['citations']} citations"
            )
        )
        for warning in dossier.warnings:  # valid, but an export needs a choice made
            print(printable(str(warning)))
    return status
