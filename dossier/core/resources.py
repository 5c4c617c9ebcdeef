"""Where the app's shipped data lives: inside the wheel, or at the repository top.

Worked out on strings (:func:`data_folder`, :func:`shipped_sources_folder`), so that a
warm search, which needs only the shipped sources' folder, does not import
:mod:`pathlib`; the functions that give a ``Path`` import it when called.
"""

from __future__ import annotations

import os
from functools import cache

from dossier.core.records import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


@cache
def data_folder() -> str:
    """The folder holding ``resources/`` and ``seeds/``.

    An installed wheel carries them in ``dossier/_data``; a source checkout (and an
    editable install) has them beside the package.
    """
    bundled = os.path.join(_PACKAGE, "_data")
    if os.path.isdir(os.path.join(bundled, "resources")):
        return bundled
    return os.path.dirname(_PACKAGE)


def data_root() -> Path:
    """:func:`data_folder` as a ``Path``."""
    from pathlib import Path

    return Path(data_folder())


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``."""
    return data_root().joinpath("resources", *parts)


def bundled_dossier() -> Path:
    """The Kazakhstan–Azerbaijan dossier that ships with the app."""
    from pathlib import Path

    return Path(bundled_dossier_file())


def bundled_dossier_file() -> str:
    """:func:`bundled_dossier` as a string."""
    return os.path.join(data_folder(), "resources", "dossiers", "kazakhstan-azerbaijan-2021.yaml")


def shipped_sources_folder() -> str:
    """The source documents that ship with the app (``seeds/``).

    Any dossier may cite them: they are the app's own data, not the user's files, so
    the bundled dossier works from a checkout and from the wheel alike.
    """
    return os.path.join(data_folder(), "seeds")


def shipped_sources() -> Path:
    """:func:`shipped_sources_folder` as a ``Path``."""
    from pathlib import Path

    return Path(shipped_sources_folder())
