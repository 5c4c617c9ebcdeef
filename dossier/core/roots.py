"""The folders a dossier may read its sources from: one rule for the loader, which
refuses a source outside them, and for the search cache, which must not answer for a
dossier whose folder was trusted when it was indexed and is trusted no longer.

Kept apart from the loader so that a warm search can check it without importing the
loader (and YAML).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Sequence

from dossier.core.records import TYPE_CHECKING
from dossier.core.resources import shipped_sources_folder

if TYPE_CHECKING:
    from pathlib import Path

# Plain POSIX paths: "/" alone separates, so joining and splitting are string work (a
# warm search joins a few thousand paths, and os.path's functions cost a microsecond
# each); elsewhere os.path does it.
_POSIX = os.sep == "/" and os.altsep is None


def joined(folder: str, relative: str) -> str:
    """``os.path.join(folder, relative)``."""
    if _POSIX and folder and folder[-1] != "/" and relative[:1] != "/":
        return f"{folder}/{relative}"
    return os.path.join(folder, relative)


def as_path_spells(text: str) -> str:
    """``str(Path(text))``: on POSIX, the names between single "/" (empty and "."
    ones dropped), after a leading "/" (or exactly two, which POSIX leaves to the
    system), "." for none; elsewhere pathlib itself says."""
    if not _POSIX:
        from pathlib import Path

        return str(Path(text))
    root = "//" if text[:2] == "//" and text[2:3] != "/" else "/" if text[:1] == "/" else ""
    return root + "/".join(name for name in text.split("/") if name not in ("", ".")) or "."


def source_roots(dossier_path: Path, trusted: Sequence[Path | str] = ()) -> list[Path]:
    """The folders the dossier at ``dossier_path`` may read sources from, resolved: its
    own folder (first), then :func:`shared_roots`. A dossier that is a symbolic link
    reads the sources beside the file it links to, as search indexes it."""
    return [_resolved(dossier_path.absolute()).parent, *shared_roots(trusted)]


def shared_roots(trusted: Sequence[Path | str] = ()) -> list[Path]:
    """The folders every dossier may read sources from, resolved: the app's shipped
    sources and the ``trusted`` ones."""
    from pathlib import Path

    return [Path(folder) for folder in shared_folders(trusted)]


def shared_folders(trusted: Sequence[Path | str] = ()) -> list[str]:
    """:func:`shared_roots` as strings (a warm search does not import pathlib)."""
    folders = [shipped_sources_folder(), *(os.path.join(os.getcwd(), f) for f in trusted)]
    return [_resolve(folder) or os.path.normpath(folder) for folder in folders]


class Confinement:
    """Checks cached dossiers against the folders they may read, for one scan: the
    shared folders are resolved once, each folder that holds sources once, and each
    source path once however many dossiers cite it (a warm search checks every
    dossier of the library, so this works on strings, not Paths)."""

    def __init__(
        self, trusted: Sequence[Path | str], stats: dict[str, os.stat_result] | None = None
    ) -> None:
        """``stats``: where to leave the stat result of each source that is no symbolic
        link (its signature, for the scan's freshness check, without a second call)."""
        self._shared = tuple(_inside(root) for root in shared_folders(trusted))
        self._roots: dict[str, tuple[str, ...]] = {}  # by dossier folder
        self._places: dict[str, str | None] = {}  # by source path: see _place
        self._folders: dict[str, str | None] = {}  # resolved, by folder as written
        self._stats = {} if stats is None else stats

    def confined(self, folder: str, sources: Sequence[str]) -> bool:
        """True when every source (a path the dossier names, :func:`joined` to its
        folder) resolves inside the dossier's own ``folder`` (resolved already) or a
        shared one."""
        roots = self._roots.get(folder)
        if roots is None:
            roots = self._roots[folder] = (_inside(folder), *self._shared)
        places = self._places
        for path in sources:
            place = places[path] if path in places else self._place(path)
            if place is None or not place.startswith(roots):
                return False
        return True

    @property
    def shared(self) -> tuple[str, ...]:
        """The shared folders, resolved, each as :func:`_inside` has it."""
        return self._shared

    @property
    def folders(self) -> dict[str, str | None]:
        """Each folder of a source that is no symbolic link, resolved (None: a loop)."""
        return dict(self._folders)

    def _place(self, path: str) -> str | None:
        """``path`` resolved, as ``Path.resolve`` has it, in the form :func:`_inside`
        gives (None for a symlink loop); kept for the next dossier that cites it."""
        if _POSIX:  # its folder keeps any trailing "/": it resolves all the same
            folder, _, name = path.rpartition("/")
            folder = folder or "/"
        else:
            folder, name = os.path.split(path)
        info = None
        if name not in ("", ".", ".."):
            with contextlib.suppress(OSError, ValueError):
                info = os.lstat(path)
        if info is not None and not stat.S_ISLNK(info.st_mode):
            # A file that is no symbolic link lies where its folder resolves to, and
            # the folder is resolved once for all the files in it.
            self._stats[path] = info
            if folder not in self._folders:
                self._folders[folder] = _resolve(folder)
            where = self._folders[folder]
            place = None if where is None else joined(where, name)
        else:
            place = _resolve(path)
        found = None if place is None else _inside(place)
        self._places[path] = found
        return found


def _inside(path: str) -> str:
    """A resolved path with a separator at its end (in the file system's case): the
    start of itself and of every path inside it, so ``startswith`` tells what
    ``Path.is_relative_to`` would."""
    return joined(os.path.normcase(path), "")


def resolve(path: str) -> str | None:
    """``path`` resolved as ``Path.resolve`` has it; None for a symlink loop."""
    return _resolve(path)


def _resolve(path: str) -> str | None:
    """``str(Path(path).resolve())``, or None where that raises OSError or RuntimeError,
    without importing pathlib: ``Path.resolve`` is ``os.path.realpath``, and before
    Python 3.13 it raises RuntimeError for a path that ends in a symbolic link loop,
    which realpath leaves as it is."""
    try:
        real = os.path.realpath(path)
    except OSError:
        return None
    if sys.version_info < (3, 13):
        try:
            os.stat(real)
        except OSError as error:
            if error.errno == errno.ELOOP or getattr(error, "winerror", 0) == _LOOP_WINERROR:
                return None
    return real


_LOOP_WINERROR = 1921  # ERROR_CANT_RESOLVE_FILENAME, as pathlib checks for it


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder
