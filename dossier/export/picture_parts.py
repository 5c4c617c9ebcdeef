"""The pictures' place in the printed briefing.

The full briefing gives the timeline chart and the map a page each, after the printed
timeline and whatever part shares its last page (or after the last section when there
is no timeline): they are parts like the others, in the contents and the outline,
counted in "Page N of M". The read-ahead draws a small timeline in the room its last
page leaves, or on a second page of its own while the brief stays within two pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPaintDevice, QPainter

from dossier.core.briefing.choices import FULL
from dossier.core.briefing.parts import SECTION, TIMELINE, Part
from dossier.core.briefing.plan import Briefing
from dossier.core.model import Dossier
from dossier.export.pictures.pages import (
    PicturePage,
    paint_small_timeline,
    picture_pages,
    small_timeline,
    small_timeline_height,
)
from dossier.export.style import PageGeometry

PICTURE = "picture"  # the kind of a part that is one picture's page
SMALL_GAP = 14  # points between the read-ahead's text and its timeline

# Paints over one page; the painter's origin is the paper's corner, in device pixels.
PagePainter = Callable[[QPainter, QPaintDevice], None]


def _printed(briefing: Briefing) -> Dossier:
    """The dossier as far as the briefing prints it: its chosen sections."""
    return dataclasses.replace(briefing.dossier, sections=briefing.sections)


def picture_place(kinds: list[set[str]]) -> int | None:
    """After which run (given the kinds of parts each holds) the picture pages go: the
    one with the timeline, else the last with a section (None: neither, no pictures)."""
    for kind in (TIMELINE, SECTION):
        runs = [i for i, held in enumerate(kinds) if kind in held]
        if runs:
            return runs[-1]
    return None


def picture_parts(
    briefing: Briefing, geometry: PageGeometry
) -> list[tuple[Part, PagePainter, float]]:
    """A part for each picture page of the full briefing (none for the other templates),
    with what paints it and how full it is."""
    if briefing.options.template != FULL:
        return []
    return [
        (Part(page.id, PICTURE, page.title, "", True), _painter(page, geometry), page.fill)
        for page in picture_pages(_printed(briefing), geometry)
    ]


def _painter(page: PicturePage, geometry: PageGeometry) -> PagePainter:
    def paint(painter: QPainter, device: QPaintDevice) -> None:
        page.paint(painter, device, geometry)

    return paint


def small_timeline_place(
    briefing: Briefing, geometry: PageGeometry, pages: int, last_fill: float
) -> tuple[int, PagePainter] | None:
    """Where the read-ahead's small timeline goes: (its page, 0-based, what paints it),
    or None when it would not fit the two pages (or there are no events)."""
    dossier = _printed(briefing)
    need = small_timeline_height(dossier)
    if need is None:
        return None
    top = geometry.body_top + last_fill * geometry.body_height + SMALL_GAP
    page = pages - 1
    if top + need > geometry.body_top + geometry.body_height:
        if pages >= 2:
            return None
        top, page = geometry.body_top, pages  # a page of its own, the brief's second
    area = QRectF(geometry.frame_left, top, geometry.frame_width, need)
    draw = small_timeline(dossier)

    def paint(painter: QPainter, device: QPaintDevice) -> None:
        paint_small_timeline(painter, device, draw, area)

    return page, paint
