"""A picture's words in a small or narrow picture: a legend says less, never loses its end;
the timeline's years and as-of label keep apart at any type size."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPdfWriter

from dossier.core.loader import load_dossier
from dossier.core.pictures.graph import build_graph
from dossier.core.pictures.timeline import build_timeline
from dossier.export.fonts import register_fonts
from dossier.export.pictures.common import PAPER, Type, fitting
from dossier.export.pictures.graph import draw_graph
from dossier.export.pictures.timeline import draw_timeline
from tests.export.conftest import BUNDLED


def _legend(path: Path, picture: str, width: float) -> tuple[str, int]:
    """The last line of text of ``picture`` drawn ``width`` points wide, and how many
    labels it left out."""
    dossier = load_dossier(BUNDLED)
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    painter = QPainter(writer)
    rect = QRectF(0, 0, width, 420)
    type_ = Type(register_fonts().sans, 9)
    if picture == "graph":
        drawing = draw_graph(painter, rect, build_graph(dossier, None), PAPER, type_)
    else:
        drawing = draw_timeline(painter, rect, build_timeline(dossier), PAPER, type_)
    painter.end()
    lines = PdfReader(path).pages[0].extract_text().splitlines()
    return " ".join(lines[-1].split()), drawing.hidden_labels


@pytest.mark.parametrize("picture", ["graph", "timeline"])
@pytest.mark.parametrize("width", [330.0, 420.0, 900.0])
def test_the_count_left_out_is_always_said_whole(
    qapp: object, tmp_path: Path, picture: str, width: float
) -> None:
    legend, hidden = _legend(tmp_path / "picture.pdf", picture, width)
    assert hidden > 0  # the bundled dossier has more names than a narrow picture has room
    assert "…" not in legend
    assert legend.endswith("(see the table)" if picture == "graph" else "left out for room")
    assert f"{hidden} " in legend


def test_fitting_takes_the_longest_variant_that_fits(qapp: object) -> None:
    metrics = QFontMetricsF(Type(register_fonts().sans, 9).font())
    variants = ["a long legend with every word", "a short legend", "legend"]
    wide = metrics.horizontalAdvance(variants[0])
    assert fitting(metrics, variants, wide) == variants[0]
    assert fitting(metrics, variants, wide - 1) == variants[1]
    assert fitting(metrics, variants, metrics.horizontalAdvance("leg")).endswith("…")


@pytest.mark.parametrize("points", [5.0, 7.0, 9.0, 14.0])
def test_the_years_and_the_as_of_label_never_touch_at_any_type_size(
    qapp: object, points: float
) -> None:
    # the read-ahead's small timeline sets its labels at 7 pt; a band in proportion to
    # the type alone left no room between the two lines below about that
    image = QImage(900, 420, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    type_ = Type(register_fonts().sans, points)
    drawing = draw_timeline(
        painter, QRectF(0, 0, 900, 420), build_timeline(load_dossier(BUNDLED)), PAPER, type_
    )
    painter.end()
    top = min(mark.rect.top() for mark in drawing.marks)
    above = [label for label in drawing.labels if label.bottom() <= top]
    assert len(above) >= 5
    for a, b in itertools.combinations(above, 2):
        assert not a.adjusted(0, -1, 0, 1).intersects(b), (points, a, b)


def test_a_change_bars_label_is_cut_short_only_when_it_must_be(
    qapp: object, tmp_path: Path
) -> None:
    from dossier.export.pictures.figures import draw_figures

    dossier = load_dossier(BUNDLED)
    label = "Growth in cargo handled by Kazakh seaports to Azerbaijan (19%)"
    for width, whole in ((560.0, True), (300.0, False)):
        path = tmp_path / f"figures-{width}.pdf"
        writer = QPdfWriter(str(path))
        writer.setResolution(72)
        painter = QPainter(writer)
        draw_figures(
            painter, QRectF(0, 0, width, 300), dossier, PAPER, Type(register_fonts().sans, 9)
        )
        painter.end()
        text = " ".join(PdfReader(path).pages[0].extract_text().split())
        assert (label in text) is whole, (width, text)


def test_no_gridline_runs_through_a_title_beside_its_mark(qapp: object) -> None:
    image = QImage(900, 420, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    drawing = draw_timeline(
        painter,
        QRectF(0, 0, 900, 420),
        build_timeline(load_dossier(BUNDLED)),
        PAPER,
        Type(register_fonts().sans, 12),
    )
    painter.end()
    top = min(mark.rect.top() for mark in drawing.marks)
    years = [label.left() - 2 for label in drawing.labels if label.bottom() <= top]
    titles = [label for label in drawing.labels if label.top() >= top]
    grid = QColor(PAPER.grid).lightnessF()
    crossed = [
        (title, x) for title in titles for x in years if title.left() + 2 < x < title.right() - 2
    ]
    assert crossed  # titles that span a year's gridline: what the test is about
    for title, x in crossed:  # the line's pixels, either side of a fraction, at its ground
        line = [image.pixelColor(round(x) + dx, round(title.top()) + 1) for dx in (-1, 0, 1)]
        assert min(c.lightnessF() for c in line) > grid + 0.03, (title, x)
