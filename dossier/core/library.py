"""A library: every dossier in a folder, the valid ones loaded, the others explained."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier.core.bulk import collector_paused
from dossier.core.errors import DossierError, Problem
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier

log = logging.getLogger("dossier.library")

DOSSIER_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Library:
    """The dossiers that loaded, and the problems of those that did not."""

    dossiers: tuple[Dossier, ...]
    failures: tuple[tuple[Path, tuple[Problem, ...]], ...] = ()

    def dossier(self, dossier_id: str) -> Dossier:
        """The dossier with this id; KeyError when there is none."""
        for dossier in self.dossiers:
            if dossier.id == dossier_id:
                return dossier
        raise KeyError(dossier_id)


def dossier_files(folder: Path) -> list[Path]:
    """The dossier files directly in ``folder``, sorted by name."""
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in DOSSIER_SUFFIXES and p.is_file()
    )


def _try_load(path: Path, trusted: Sequence[Path | str]) -> Dossier | DossierError:
    try:
        return load_dossier(path, trusted)
    except DossierError as error:
        return error


def load_library(path: Path, trusted: Sequence[Path | str] = ()) -> Library:
    """Load a dossier file, or every dossier in a folder; raise DossierError if none load.

    Two files with the same dossier id cannot both be open: the second is reported.
    ``trusted``: folders the user lets any dossier read sources from (see load_dossier).
    """
    if not path.is_dir():
        return Library((load_dossier(path, trusted),))
    try:
        files = dossier_files(path)
    except OSError as error:
        raise DossierError([Problem(path, f"cannot list the folder: {error.strerror}")]) from None
    if not files:
        raise DossierError([Problem(path, "the folder holds no dossier (.yaml) files")])
    loaded: list[Dossier] = []
    failures: list[tuple[Path, tuple[Problem, ...]]] = []
    ids: dict[str, Path] = {}
    with collector_paused():
        results = [(file, _try_load(file, trusted)) for file in files]
    for file, result in results:
        if isinstance(result, DossierError):
            failures.append((file, result.problems))
            continue
        dossier = result
        if dossier.id in ids:
            problem = Problem(
                file, f"dossier id '{dossier.id}' is already used by {ids[dossier.id]}"
            )
            failures.append((file, (problem,)))
            continue
        ids[dossier.id] = file
        loaded.append(dossier)
    log.info("library %s: %d loaded, %d failed", path, len(loaded), len(failures))
    if not loaded:
        problems = [problem for _, found in failures for problem in found]
        raise DossierError(problems)
    return Library(tuple(loaded), tuple(failures))
