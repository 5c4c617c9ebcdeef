"""The folders a dossier may read its sources from: one rule for the loader, which
refuses a source outside them, and for the search cache, which must not answer for a
dossier whose folder was trusted when it was indexed and is trusted no longer.

Kept apart from the loader so that a warm search can check it without importing the
loader (and YAML).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from dossier.core.resources import shipped_sources


def source_roots(dossier_path: Path, trusted: Sequence[Path | str] = ()) -> list[Path]:
    """The folders the dossier at ``dossier_path`` may read sources from, resolved: its
    own folder (first), then :func:`shared_roots`."""
    return [_resolved(dossier_path.absolute().parent), *shared_roots(trusted)]


def shared_roots(trusted: Sequence[Path | str] = ()) -> list[Path]:
    """The folders every dossier may read sources from, resolved: the app's shipped
    sources and the ``trusted`` ones."""
    return [_resolved(shipped_sources()), *(_resolved(Path(f).absolute()) for f in trusted)]


class Confinement:
    """Checks cached dossiers against the folders they may read, for one scan: the
    shared folders are resolved once, and each source path once however many dossiers
    cite it (a warm search checks every dossier of the library)."""

    def __init__(self, trusted: Sequence[Path | str]) -> None:
        self._shared = shared_roots(trusted)
        self._places: dict[str, Path | None] = {}

    def confined(self, dossier_path: Path, sources: Sequence[str]) -> bool:
        """True when every source (relative to the dossier's folder, as the dossier
        names it) resolves inside the dossier's own folder or a shared one."""
        folder = os.path.dirname(os.fspath(dossier_path))
        roots = [Path(folder), *self._shared]  # the scan's paths are resolved already
        for relative in sources:
            place = self._place(os.path.join(folder, relative))
            if place is None or not any(place.is_relative_to(root) for root in roots):
                return False
        return True

    def _place(self, path: str) -> Path | None:
        if path not in self._places:
            try:
                self._places[path] = Path(path).resolve()
            except (OSError, RuntimeError):  # a symlink loop
                self._places[path] = None
        return self._places[path]


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder
