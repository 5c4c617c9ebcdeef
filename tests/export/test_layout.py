"""Pagination as a typesetter would check it: headings, tables, measure, margins."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextTable

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.export import layout as L
from dossier.export import textdoc as T
from dossier.export.fonts import register_fonts
from dossier.export.style import MM, PageGeometry
from tests.export.conftest import BUNDLED


@pytest.fixture(scope="module")
def laid_out(qapp: object) -> L.BriefingLayout:
    return L.lay_out(plan_briefing(load_dossier(BUNDLED), BriefingOptions(appendix=True)))


def _page(layout: L.BriefingLayout, y: float) -> int:
    return int(y // (layout.geometry.body_height * layout.dpi / 72))


def test_no_heading_stands_alone_at_the_foot_of_a_page(laid_out: L.BriefingLayout) -> None:
    checked = 0
    for part in laid_out.parts:
        doc = part.document
        items = list(T.top_items(doc))
        for index, item in enumerate(items[:-1]):
            if isinstance(item, QTextTable) or item.blockFormat().headingLevel() == 0:
                continue
            heading_page = _page(laid_out, T.lines_of(doc, item)[0].mid)
            follower = items[index + 1]
            if isinstance(follower, QTextTable):
                row = follower.format().headerRowCount()
                first = T.cell_lines(doc, follower, row, 0)[0]
            else:
                first = T.lines_of(doc, follower)[0]
            assert _page(laid_out, first.mid) == heading_page, item.text()
            checked += 1
    assert checked > 30


def test_short_tables_are_never_split(laid_out: L.BriefingLayout) -> None:
    for part in laid_out.parts:
        doc = part.document
        for item in T.top_items(doc):
            if not isinstance(item, QTextTable):
                continue
            rows = item.rows() - item.format().headerRowCount()
            if rows > 2 * L.MIN_ROWS:
                continue
            pages = {
                _page(laid_out, line.mid)
                for r in range(item.rows())
                for c in range(item.columns())
                for line in T.cell_lines(doc, item, r, c)
            }
            assert len(pages) == 1, f"{part.part.id}: a table of {rows} rows is split"


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_a_short_list_entry_is_never_split_across_pages(qapp: object, page_size: str) -> None:
    from dossier.export.breaks import SHORT_BLOCK

    options = BriefingOptions(appendix=True, page_size=page_size)
    laid = L.lay_out(plan_briefing(load_dossier(BUNDLED), options))
    entries = 0
    for part in laid.parts:
        doc = part.document
        for item in T.top_items(doc):
            if isinstance(item, QTextTable) or item.textList() is None:
                continue
            lines = T.lines_of(doc, item)
            if len(lines) > SHORT_BLOCK:
                continue
            entries += 1
            pages = {_page(laid, line.mid) for line in lines}
            # a point, or a person of the who's who, read whole on one page
            assert len(pages) == 1, f"{part.part.id}: {item.text()[:60]!r} is split"
    assert entries > 100


def test_parts_start_on_new_pages_and_pages_add_up(laid_out: L.BriefingLayout) -> None:
    page = 0
    for part in laid_out.parts:
        assert part.first_page == page
        assert part.pages >= 1
        page += part.pages
    assert laid_out.pages == page


def test_running_text_holds_about_66_characters_a_line(laid_out: L.BriefingLayout) -> None:
    doc = laid_out.parts[3].document  # the first section
    lengths = []
    for item in T.top_items(doc):
        if isinstance(item, QTextTable) or item.blockFormat().headingLevel() > 0:
            continue
        layout = item.layout()
        lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
    average = sum(lengths) / len(lengths)
    assert 55 <= average <= 75, average


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_margins_are_at_least_2_5_cm(paper: str) -> None:
    g = PageGeometry.for_paper(paper)
    assert g.body_top >= 25 * MM
    assert g.height - g.body_top - g.body_height >= 25 * MM
    assert g.frame_left >= 25 * MM
    assert g.frame_left + g.text_inset > g.body_top, "the sides get a little more"


def test_fonts_are_the_shipped_ones(qapp: object) -> None:
    families = register_fonts()
    assert families.serif == "Charis SIL"
    assert families.sans == "Noto Sans"


def _hrefs(layout: L.BriefingLayout) -> list[str]:
    """Every link target in the laid-out parts."""
    hrefs = []
    for part in layout.parts:
        block = part.document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if href := it.fragment().charFormat().anchorHref():
                    hrefs.append(href)
                it += 1
            block = block.next()
    return hrefs


def test_printed_citations_are_plain_text_that_looks_the_same(
    laid_out: L.BriefingLayout,
) -> None:
    """Print and print preview: a ¶ marker is no link (a printed PDF would carry a
    ``cite:`` web link nobody can open), and links or not, the pages are the same."""
    assert _hrefs(laid_out) == []
    briefing = laid_out.briefing
    linked = L.lay_out(plan_briefing(briefing.dossier, briefing.options, links=True))
    assert len([h for h in _hrefs(linked) if h.startswith("cite:")]) > 100
    assert [p.pages for p in linked.parts] == [p.pages for p in laid_out.parts]
    for plain, link in zip(laid_out.parts, linked.parts, strict=True):
        assert plain.document.toPlainText() == link.document.toPlainText()


def test_lines_break_between_words_never_inside_one(laid_out: L.BriefingLayout) -> None:
    """Narrow table cells widen rather than split a word ("independenc" / "e")."""
    checked = 0
    for part in laid_out.parts:
        block = part.document.begin()
        while block.isValid():
            text = block.text()
            layout = block.layout()
            for n in range(layout.lineCount() - 1):
                line = layout.lineAt(n)
                end = line.textStart() + line.textLength()
                if 0 < end < len(text):
                    before, after = text[end - 1], text[end]
                    assert not (before.isalpha() and after.isalpha()), (
                        f"{part.part.id}: {text[max(0, end - 12) : end]}|{text[end : end + 12]}"
                    )
                    checked += 1
            block = block.next()
    assert checked > 500


def test_key_value_tables_sit_at_the_measure_and_data_tables_span_the_frame(
    laid_out: L.BriefingLayout,
) -> None:
    """The contents, the cover's details and a source's details are set at the measure
    of the running text (exactly, not to the nearest pixel); figures, timelines and a
    source's paragraphs use the whole frame, in the column widths paper gives them."""
    inset = laid_out.geometry.text_inset * laid_out.dpi / 72
    measured = {"cover", "contents", "sources"}
    seen = set()
    for part in laid_out.parts:
        for item in T.top_items(part.document):
            if not isinstance(item, QTextTable):
                continue
            fmt = item.format()
            margins = (fmt.leftMargin(), fmt.rightMargin())
            kind = part.part.kind
            assert margins == ((inset, inset) if kind in measured else (0, 0)), part.part.id
            widths = [round(w.rawValue()) for w in fmt.columnWidthConstraints()]
            assert sum(widths) == 100 and 0 not in widths, (part.part.id, widths)
            if kind == "appendix":
                assert widths == [6, 4, 90]
            seen.add(kind)
    assert seen >= {"cover", "contents", "sources", "section", "timeline", "appendix"}


@pytest.mark.parametrize("copies", [5, 9, 12])
def test_a_group_of_key_figures_never_stands_alone_at_the_foot_of_a_page(
    qapp: object, copies: int
) -> None:
    from dataclasses import replace

    from dossier.core.briefing.parts import BLUF

    bundled = load_dossier(BUNDLED)
    sections = tuple(
        replace(s, id=f"{s.id}-{k}", title=f"{s.title} {k}")
        for k in range(copies)
        for s in bundled.sections
        if s.figures
    )
    briefing = plan_briefing(replace(bundled, sections=sections), BriefingOptions())
    briefing = replace(briefing, parts=tuple(p for p in briefing.parts if p.kind == BLUF))
    laid = L.lay_out(briefing)
    doc = laid.parts[0].document
    (table,) = (item for item in T.top_items(doc) if isinstance(item, QTextTable))
    pages, heads = set(), 0
    for row in range(table.rows() - 1):
        pages.add(_page(laid, T.cell_lines(doc, table, row, 0)[0].mid))
        if table.cellAt(row, 0).columnSpan() < table.columns():
            continue
        heads += 1
        own = T.cell_lines(doc, table, row, 0)[-1]
        first = T.cell_lines(doc, table, row + 1, 0)[0]
        assert _page(laid, own.mid) == _page(laid, first.mid), row
    assert heads == len(sections) and len(pages) >= 3


def test_the_cover_title_lines_up_with_the_lines_above_and_below_it(
    laid_out: L.BriefingLayout,
) -> None:
    from dossier.core.briefing.parts import COVER

    (cover,) = (part for part in laid_out.parts if part.part.kind == COVER)
    blocks = [item for item in T.top_items(cover.document) if not isinstance(item, QTextTable)]
    title = next(b for b in blocks if b.blockFormat().headingLevel() == 1)
    kicker = blocks[0]
    assert kicker.blockNumber() < title.blockNumber()
    assert title.blockFormat().leftMargin() == pytest.approx(kicker.blockFormat().leftMargin())
    assert title.blockFormat().leftMargin() > 0  # at the measure, not the frame's edge
