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
