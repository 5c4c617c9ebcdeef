"""The fonts the briefing is set in, shipped with the app so the PDF looks the same everywhere.

Charis SIL (serif, body text; four faces) and Noto Sans Bold (headings, banner, labels:
the briefing sets sans in bold only) are TrueType, so Qt's PDF engine embeds subsets of
them (``/FontFile2``) and the text stays selectable. Both cover Azerbaijani
(ə ş ç ğ ı ö ü İ) and Cyrillic, including the Kazakh letters. Registering them first
pins the application's font to the family it resolves to, so they never become the
interface's font: they serve the pages and the PDF only.
Licences: ``resources/fonts/OFL-*.txt``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from dossier.core.resources import resource_path

log = logging.getLogger("dossier.export")

SERIF_FILES = (
    "CharisSIL-Regular.ttf",
    "CharisSIL-Bold.ttf",
    "CharisSIL-Italic.ttf",
    "CharisSIL-BoldItalic.ttf",
)
SANS_FILES = ("NotoSans-Bold.ttf",)
SERIF_FALLBACK = "Charis SIL"
SANS_FALLBACK = "Noto Sans"


@dataclass(frozen=True)
class Families:
    """The family names to ask Qt for."""

    serif: str
    sans: str


_lock = threading.Lock()
_registered: dict[str, Families] = {}


def register_fonts() -> Families:
    """Add the shipped fonts to Qt's font database (once) and return their family names.

    Needs a QGuiApplication. A missing or unreadable font file is logged and the
    family name is still returned, so Qt falls back to an installed font.
    """
    with _lock:
        if "families" not in _registered:
            _pin_application_font()
            serif = _add(SERIF_FILES) or SERIF_FALLBACK
            sans = _add(SANS_FILES) or SANS_FALLBACK
            _registered["families"] = Families(serif, sans)
        return _registered["families"]


def _pin_application_font() -> None:
    """Name the family the application's font resolves to before any shipped font is
    added: asked for by a generic name ("Sans Serif"), it follows fontconfig's
    preference, which may be the shipped Noto Sans, whose bold face alone ships."""
    font = QGuiApplication.font()
    family = QFontInfo(font).family()
    if family and font.families() != [family]:
        pinned = QFont(font)
        pinned.setFamilies([family])
        QGuiApplication.setFont(pinned)


def registered() -> bool:
    """True once :func:`register_fonts` has added the shipped fonts."""
    with _lock:
        return "families" in _registered


def _add(files: tuple[str, ...]) -> str | None:
    family: str | None = None
    for name in files:
        path = resource_path("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the font %s", path)
            continue
        names = QFontDatabase.applicationFontFamilies(font_id)
        if names and family is None:
            family = names[0]
    return family
