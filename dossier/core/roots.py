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
    own folder (first), the app's shipped sources, and the ``trusted`` ones."""
    own = _resolved(dossier_path.absolute().parent)
    return [own, _resolved(shipped_sources()), *(_resolved(Path(f).absolute()) for f in trusted)]


def confined(dossier_path: Path, sources: Sequence[str], trusted: Sequence[Path | str]) -> bool:
    """True when every source (relative to the dossier's folder, as the dossier names
    it) resolves inside :func:`source_roots`."""
    roots = source_roots(dossier_path, trusted)
    folder = os.path.dirname(os.fspath(dossier_path))
    try:
        places = [Path(os.path.join(folder, relative)).resolve() for relative in sources]
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return all(any(place.is_relative_to(root) for root in roots) for place in places)


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return folder
