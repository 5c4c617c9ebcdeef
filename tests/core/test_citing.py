"""Copying from a page: clean plain text, and text with its citation (no Qt here)."""

from __future__ import annotations

import pytest

from dossier.core import anchors, citing
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier

from ..conftest import BUNDLED


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(BUNDLED)


def test_plain_copy_has_no_leading_blank_line_and_no_bare_marker() -> None:
    # What Qt gives for a selection of two key points (block separators, no-break spaces).
    selected = (
        "\u2029Trade fell by 38%.\u00a0¶\u00a026\u2002¶\u00a030"
        "\u2029It should grow.\u00a0¶\u00a08\u2029"
    )
    assert citing.plain_copy(selected) == "Trade fell by 38%.\nIt should grow."


def test_plain_copy_keeps_text_that_only_looks_like_a_number() -> None:
    assert citing.plain_copy("USD 142 million in 2020") == "USD 142 million in 2020"


def test_a_point_is_cited_by_its_source_and_paragraph(dossier: Dossier) -> None:
    point = dossier.sections[0].points[0]
    numbers = sorted({c.paragraph for c in point.cites})
    text = citing.with_citation(dossier, f"{point.text}\u00a0¶\u00a0{numbers[0]}", [point.anchor])
    assert text.startswith(point.text + " (Azeri Observer Magazine, 2021, ¶\u00a0")
    assert text.endswith(")")
    assert str(numbers[0]) in text.rsplit("(", 1)[1]


def test_a_source_passage_is_cited_by_its_paragraphs(dossier: Dossier) -> None:
    names = [anchors.paragraph("interview", n) for n in (26, 27, 28, 31)]
    assert citing.citation(dossier, names) == "(Azeri Observer Magazine, 2021, ¶\u00a026–28, 31)"


def test_a_figure_and_a_point_of_one_source_make_one_citation(dossier: Dossier) -> None:
    section = next(s for s in dossier.sections if s.figures)
    figure, point = section.figures[0], section.points[0]
    numbers = sorted({c.paragraph for c in (*figure.cites, *point.cites)})
    cited = citing.cited_paragraphs(dossier, [figure.anchor, point.anchor])
    assert cited == {"interview": numbers}


def test_uncited_text_is_cited_to_the_dossier(dossier: Dossier) -> None:
    cite = citing.citation(dossier, [anchors.section("politics"), "nowhere/point/99"])
    assert cite == f"({dossier.title}, as of {dossier.as_of.display()})"


def test_a_source_without_publisher_or_year_is_named_by_its_title(dossier: Dossier) -> None:
    from dataclasses import replace

    source = replace(dossier.sources[0], publisher=None, date=None)
    assert citing.source_name(source) == source.title
