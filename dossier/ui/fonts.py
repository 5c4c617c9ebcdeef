"""Fonts shipped in ``resources/fonts`` made known to Qt (system fonts serve otherwise)."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFontDatabase

from dossier.core.resources import resource_path

log = logging.getLogger("dossier.ui")


@cache
def register_bundled_fonts() -> tuple[str, ...]:
    """Register every .ttf/.otf under resources/fonts once; return the families added."""
    folder = resource_path("fonts")
    families: list[str] = []
    if not folder.is_dir():
        return ()
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".ttf", ".otf"):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(families)
