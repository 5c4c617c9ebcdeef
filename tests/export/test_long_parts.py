"""A section far longer than any real one prints whole, in order, by the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextTable

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.export import layout as L
from dossier.export import textdoc as T
from dossier.export.textdoc import LIST_CHUNK, split_long_lists
from tests.export.conftest import BUNDLED, export, squash
from tests.export.long_dossier import POINTS, long_dossier, point_words


@pytest.fixture(scope="module")
def long_pdf(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("long")
    return export(long_dossier(folder), folder / "long.pdf").texts


def test_every_point_of_a_long_section_is_printed_in_order(long_pdf: list[str]) -> None:
    # (A page's text may also hold the first words under its foot, painted outside the
    # clip: so each point is looked for where it first occurs.)
    text = squash("".join(long_pdf))
    place = -1
    for i in range(POINTS):
        marker = squash(f"Point {point_words(i)} begins")
        assert marker in text, f"point {i} is missing"
        assert text.index(marker) > place, f"point {i} is out of order"
        place = text.index(marker)


def test_a_long_section_keeps_the_rules_on_every_page(
    qapp: object, tmp_path: Path, long_pdf: list[str]
) -> None:
    laid = L.lay_out(plan_briefing(load_dossier(long_dossier(tmp_path)), BriefingOptions()))
    assert laid.pages == len(long_pdf) > 30
    page_height = laid.geometry.body_height * laid.dpi / 72
    for part in laid.parts:
        doc = part.document
        for block in T.top_items(doc):
            if isinstance(block, QTextTable) or len(block.text()) < 2:
                continue
            lines = T.lines_of(doc, block)
            assert lines, f"a block of {part.part.id} was never set: {block.text()[:40]!r}"
            pages = [int(line.mid // page_height) for line in lines]
            # Never one line alone on either side of a break.
            for page in set(pages) if len(set(pages)) > 1 else ():
                assert pages.count(page) > 1, block.text()[:40]


def test_parts_sharing_a_page_print_as_if_each_run_were_laid_out_afresh(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reused = export(BUNDLED, tmp_path / "reused.pdf")
    monkeypatch.setattr(L, "same_start", lambda before, items: False)
    afresh = export(BUNDLED, tmp_path / "afresh.pdf")
    assert reused.texts == afresh.texts


def test_a_long_list_is_cut_into_lists_that_hold_every_item_once() -> None:
    items = "".join(f"<li>item {i}<ul><li>inner</li></ul></li>" for i in range(2 * LIST_CHUNK + 1))
    html = split_long_lists(f'<h2>Points</h2><ul class="points">{items}</ul><p>after</p>')
    assert html.count('<ul class="points">') == 3
    assert html.count("</ul>") == 3 + 2 * LIST_CHUNK + 1  # the inner lists stay whole
    for i in range(2 * LIST_CHUNK + 1):
        assert html.count(f"<li>item {i}<") == 1
    assert html.endswith("</ul><p>after</p>")
