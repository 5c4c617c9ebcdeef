"""A library: every dossier in a folder, the valid ones loaded, the others explained.

The library's rules (which files of a folder are dossiers, which of them open, and
what the reader is told about the others) are here once, for the viewer
(:func:`load_library`) and for search (:func:`dossier.core.search.open_library`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from dossier.core.bulk import collector_paused
from dossier.core.errors import DossierError, Problem
from dossier.core.logs import get_logger
from dossier.core.records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the loader is imported when a file is loaded: a warm search never is
    from pathlib import Path
    from typing import TypeVar

    from dossier.core.model import Dossier

    T = TypeVar("T")
    Failure = tuple[Path, tuple[Problem, ...]]  # a file that did not open, and why

log = get_logger("dossier.library")

DOSSIER_SUFFIXES = (".yaml", ".yml")


class Library(NamedTuple):
    """The dossiers that loaded, and the problems of those that did not."""

    dossiers: tuple[Dossier, ...]
    failures: tuple[Failure, ...] = ()

    def dossier(self, dossier_id: str) -> Dossier:
        """The dossier with this id; KeyError when there is none."""
        for dossier in self.dossiers:
            if dossier.id == dossier_id:
                return dossier
        raise KeyError(dossier_id)


def dossier_entries(folder: Path | str) -> list[os.DirEntry[str]]:
    """The dossier files directly in ``folder``, as listed, sorted by name.

    Every entry named as a dossier is one, whatever it is: a folder, a FIFO, a device or
    a symbolic link loop named ``*.yaml`` is then refused by the loader in one line, like
    a file that is not YAML, rather than left out without a word.
    """
    with os.scandir(folder) as listing:
        found = [entry for entry in listing if _is_dossier_name(entry.name)]
    found.sort(key=lambda entry: entry.name)
    return found


def _is_dossier_name(name: str) -> bool:
    """``os.path.splitext(name)[1].lower() in DOSSIER_SUFFIXES``, as string work (a
    library's folder holds thousands of names): a name of dots before its suffix has
    no suffix."""
    low = name.lower()
    for suffix in DOSSIER_SUFFIXES:
        if low.endswith(suffix):
            return bool(low[: -len(suffix)].strip("."))
    return False


def dossier_files(folder: Path) -> list[Path]:
    """The dossier files directly in ``folder``, sorted by name."""
    return [folder / entry.name for entry in dossier_entries(folder)]


def folder_entries(folder: Path | str) -> list[os.DirEntry[str]]:
    """The dossier files of a library's folder (see :func:`dossier_entries`);
    DossierError, with one line a reader can act on, when the folder cannot be listed
    or holds none."""
    try:
        found = dossier_entries(folder)
    except OSError as error:
        message = f"cannot list the folder: {error.strerror}"
    else:
        if found:
            return found
        message = "the folder holds no dossier (.yaml) files"
    from pathlib import Path  # only for the problem: a warm search makes no Path

    raise DossierError([Problem(Path(folder), message)]) from None


def folder_files(folder: Path) -> list[Path]:
    """The dossier files of a library's folder; DossierError, with one line a reader can
    act on, when the folder cannot be listed or holds none."""
    return [folder / entry.name for entry in folder_entries(folder)]


def admit(
    outcomes: Iterable[tuple[Path, T | DossierError]], dossier_id: Callable[[T], str]
) -> tuple[list[T], list[Failure]]:
    """Which dossiers of a library open, in file order, and why the others do not.

    ``outcomes``: each file with what loading it gave (a dossier, or anything that
    stands for one and has its id) or the error it raised. A file that failed is
    reported with its problems; a second file with an id already open is refused.
    Raises DossierError with every problem when no dossier is left.
    """
    admitted: list[T] = []
    failures: list[Failure] = []
    ids: dict[str, Path] = {}
    for file, outcome in outcomes:
        if isinstance(outcome, DossierError):
            failures.append((file, outcome.problems))
            continue
        key = dossier_id(outcome)
        if key in ids:
            message = f"dossier id '{key}' is already used by {ids[key]}"
            failures.append((file, (Problem(file, message),)))
            continue
        ids[key] = file
        admitted.append(outcome)
    if not admitted:
        raise DossierError([problem for _, problems in failures for problem in problems])
    return admitted, failures


def _try_load(path: Path, trusted: Sequence[Path | str]) -> Dossier | DossierError:
    from dossier.core.loader import load_dossier

    try:
        return load_dossier(path, trusted)
    except DossierError as error:
        return error


def load_library(path: Path, trusted: Sequence[Path | str] = ()) -> Library:
    """Load a dossier file, or every dossier in a folder; raise DossierError if none load.

    Two files with the same dossier id cannot both be open: the second is reported.
    ``trusted``: folders the user lets any dossier read sources from (see load_dossier).
    """
    from dossier.core.loader import load_dossier

    if not path.is_dir():
        return Library((load_dossier(path, trusted),))
    files = folder_files(path)
    with collector_paused():
        results = [(file, _try_load(file, trusted)) for file in files]
    try:
        loaded, failures = admit(results, lambda dossier: dossier.id)
    except DossierError:
        log.info("library %s: 0 loaded, %d failed", path, len(files))
        raise
    log.info("library %s: %d loaded, %d failed", path, len(loaded), len(failures))
    return Library(tuple(loaded), tuple(failures))
