"""The pictures in the printed briefing: the full briefing's timeline and map pages, the
read-ahead's small timeline, and the page numbers that count them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.export import layout as L
from dossier.export.pdf import build_layout
from dossier.export.pictures.common import PAPER
from dossier.export.pictures.pages import SMALL_CAPTION, TIMELINE_CAPTION
from tests.core.dossiers import seed_from
from tests.export.conftest import BUNDLED, Exported, export, squash
from tests.pdfs import bookmarks

PICTURES = ("Timeline chart", "Map of the places")


@pytest.fixture(scope="module")
def bundled() -> Dossier:
    return load_dossier(BUNDLED)


@pytest.fixture(scope="module")
def full(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return export(BUNDLED, tmp_path_factory.mktemp("pictures") / "full.pdf")


def _page_of(exported: Exported, title: str) -> int:
    return dict(bookmarks(exported.reader))[title]


def test_the_full_briefing_has_a_timeline_page_and_a_map_page(full: Exported) -> None:
    timeline = full.texts[_page_of(full, "Timeline chart")]
    places = full.texts[_page_of(full, "Map of the places")]
    assert squash("Timeline chart") in squash(timeline)
    assert squash("as of Feb 2021") in squash(timeline)  # the as-of line's label
    for place in ("Aktau", "Kuryk", "Baku", "Alat"):
        assert place in places
    assert squash("Natural Earth") in squash(places)  # the base map is credited
    for index in (_page_of(full, t) for t in PICTURES):
        page = full.reader.pages[index]
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert "UNCLASSIFIED" in full.texts[index]  # under the page furniture, as any page


def test_contents_and_page_numbers_count_the_picture_pages(
    full: Exported, bundled: Dossier
) -> None:
    laid = build_layout(bundled, BriefingOptions(produced=None))
    entries = L._entries(laid)  # (part id, title, 1-based page) as printed in the contents
    titles = [title for _, title, _ in entries]
    assert all(t in titles for t in PICTURES)
    contents = squash(full.texts[_page_of(full, "Contents")])
    for _, title, page in entries:
        assert squash(title) in squash(full.texts[page - 1]), title  # the part is there
        assert squash(title) + str(page) in contents  # and the contents say so
    total = len(full.texts)
    for number, text in enumerate(full.texts, 1):
        assert squash(f"Page {number} of {total}") in squash(text)


def test_a_short_read_ahead_gets_a_small_timeline(qapp: object, tmp_path: Path) -> None:
    short = export(BUNDLED, tmp_path / "short.pdf", template="brief", sections=("energy", "trade"))
    assert len(short.texts) <= 2
    assert squash(SMALL_CAPTION) in squash(short.texts[-1])
    full_brief = export(BUNDLED, tmp_path / "brief.pdf", template="brief")
    assert len(full_brief.texts) == 2  # no room left on its two pages: no timeline
    assert squash(SMALL_CAPTION) not in squash("".join(full_brief.texts))


def test_the_captions_name_the_colour_the_as_of_line_is_printed_in() -> None:
    ink = QColor(PAPER.as_of)
    assert ink.lightness() < 64 and ink.hslSaturation() < 32  # black, on paper
    for caption in (TIMELINE_CAPTION, SMALL_CAPTION):
        assert "the black line is the" in caption
        assert not re.search(r"\b(orange|red|blue|green|yellow)\b", caption)


def test_a_timeline_from_the_first_year_to_the_last_is_printed(
    qapp: object, tmp_path: Path
) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace("../../seeds/kazakhstan-azerbaijan-ambassador-interview-2021.txt",
                        seed_from(tmp_path))  # fmt: skip
    text = text.replace('date: "2012"', 'date: "0001-01-01"')
    text = text.replace('date: "2018"', 'date: "9998-12-31"')
    path = tmp_path / "ages.yaml"
    path.write_text(text, encoding="utf-8")
    exported = export(path, tmp_path / "ages.pdf")
    chart = squash(exported.texts[_page_of(exported, "Timeline chart")])
    assert squash(TIMELINE_CAPTION) in chart
    assert "5000" in chart  # a year tick between the ends


def test_the_talking_points_have_no_pictures(qapp: object, tmp_path: Path) -> None:
    points = export(BUNDLED, tmp_path / "points.pdf", template="points")
    assert len(points.texts) == 1
    assert not any(squash(t) in squash(points.texts[0]) for t in PICTURES)
