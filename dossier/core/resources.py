"""Where the app's shipped data lives: inside the wheel, or at the repository top."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def data_root() -> Path:
    """The folder holding ``resources/`` and ``seeds/``.

    An installed wheel carries them in ``dossier/_data``; a source checkout (and an
    editable install) has them beside the package.
    """
    bundled = _PACKAGE / "_data"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE.parent


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``."""
    return data_root().joinpath("resources", *parts)


def bundled_dossier() -> Path:
    """The Kazakhstan–Azerbaijan dossier that ships with the app."""
    return resource_path("dossiers", "kazakhstan-azerbaijan-2021.yaml")


def shipped_sources() -> Path:
    """The source documents that ship with the app (``seeds/``).

    Any dossier may cite them: they are the app's own data, not the user's files, so
    the bundled dossier works from a checkout and from the wheel alike.
    """
    return data_root() / "seeds"
