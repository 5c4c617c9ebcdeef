"""The short templates and the full briefing's use of paper, read back from the layout
and the PDF: page counts, the parts a read-ahead needs, type sizes, page fill, the
contents' leaders and links, the draft mark and the handling caveat."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.plan import plan_briefing
from dossier.core.briefing.points import first_sentence
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.export import layout as L
from dossier.export.pdf import CONTENTS_LINK, ExportError, build_layout
from tests.export.conftest import BUNDLED, MULTILINGUAL, export, squash
from tests.pdfs import bookmarks


@pytest.fixture(scope="module")
def bundled() -> Dossier:
    return load_dossier(BUNDLED)


def _layout(dossier: Dossier, **options: object) -> L.BriefingLayout:
    return L.lay_out(plan_briefing(dossier, BriefingOptions(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_brief_fits_two_pages_with_every_part(
    qapp: object, tmp_path: Path, bundled: Dossier, paper: str
) -> None:
    exported = export(bundled, tmp_path / "brief.pdf", template="brief", page_size=paper)
    assert len(exported.reader.pages) <= 2
    text = squash("".join(exported.texts))
    for part in ("Bottomline", "Keyfiguresataglance", "Upcomingandplanned", "Talkingpoints",
                 "People", "Source:"):  # fmt: skip
        assert part in text, part
    assert squash(bundled.title) in text
    assert "AsofFeb2021" in text
    assert text.count("UNCLASSIFIED") == 2 * len(exported.reader.pages)  # banner top, bottom
    assert f"Page1of{len(exported.reader.pages)}" in text
    for section in bundled.sections:  # each headline figure keeps its period
        if section.figures:
            figure = section.figures[0]
            assert squash(figure.label) in text
            assert figure.period and squash(figure.period) in text
    people = [e for s in bundled.sections for e in s.entities if e.kind == "person"]
    assert people and all(squash(p.name) in text for p in people)
    upcoming = [e for s in bundled.sections for e in s.events if e.upcoming]
    assert upcoming and all(squash(e.title)[:30] in text for e in upcoming)
    # and what the as-of year still plans ("2021", as of Feb 2021), marked as such; on
    # Letter, a few lines shorter, they give way and a line says so
    planned = [e for s in bundled.sections for e in s.events if e.title.startswith("Planned")]
    assert len(planned) == 3
    if paper == "A4":
        assert all(squash(e.title)[:30] in text for e in planned)
        assert text.count("PLANNED") >= len(planned)
    else:
        assert not any(squash(e.title)[:30] in text for e in planned)
        assert squash("3 planned events of 2021 left out for room") in text


def test_the_brief_is_set_no_smaller_than_9_5_points(qapp: object, bundled: Dossier) -> None:
    laid = _layout(bundled, template="brief")
    doc = laid.parts[0].document
    sizes = []
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 0 and len(block.text()) > 40:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if len(fragment.text()) > 20:  # running text, not a ¶ marker or a label
                    sizes.append(fragment.charFormat().font().pointSizeF())
                it += 1
        block = block.next()
    assert sizes and min(sizes) >= 9.5


def test_talking_points_fit_one_page_and_say_they_were_not_marked(
    qapp: object, tmp_path: Path, bundled: Dossier
) -> None:
    exported = export(bundled, tmp_path / "points.pdf", template="points", page_size="Letter")
    assert len(exported.reader.pages) == 1
    text = squash(exported.texts[0])
    assert "Thefirstpointofeachsection." in text
    for section in bundled.sections:
        point = section.points[0]
        assert squash(first_sentence(point.text)) in text
        assert squash(point.cites[0].marker) in text


def test_chosen_points_are_the_talking_points(qapp: object, bundled: Dossier) -> None:
    chosen = ("trade/point/2", "politics/point/3")
    briefing = plan_briefing(bundled, BriefingOptions(template="points", points=chosen))
    assert [p.anchor for p, _ in briefing.talking_points] == list(chosen)
    assert briefing.points_chosen
    assert "The 2 points chosen for this briefing." in briefing.parts[0].html
    assert "first point of each section" not in briefing.parts[0].html
    options = BriefingOptions(template="brief", marked=("energy/point/4",), marked_how="tagged #x")
    marked = plan_briefing(bundled, options)
    assert [p.anchor for p, _ in marked.talking_points] == ["energy/point/4"]
    assert "The point tagged #x in the analyst’s notes." in marked.parts[0].html


def test_too_many_points_for_one_page_is_refused_with_the_overflow(
    qapp: object, bundled: Dossier
) -> None:
    every = tuple(p.anchor for s in bundled.sections for p in s.points)
    with pytest.raises(ExportError, match=r"need \d+ pages, about \d+ lines more than fit on one"):
        build_layout(bundled, BriefingOptions(template="points", points=every))


@pytest.mark.parametrize(("paper", "appendix"), [("A4", True), ("Letter", False), ("A4", False)])
def test_no_page_of_the_full_briefing_wastes_paper(
    qapp: object, bundled: Dossier, paper: str, appendix: bool
) -> None:
    laid = _layout(bundled, page_size=paper, appendix=appendix)
    exempt = {p.first_page for p in laid.parts if p.part.kind in ("cover", "contents")}
    exempt.add(laid.pages - 1)
    fills = {page: laid.page_fill(page) for page in range(laid.pages) if page not in exempt}
    assert fills and min(fills.values()) >= L.MIN_FILL, fills


def test_a_part_that_joins_a_page_is_still_in_the_contents_and_outline(
    qapp: object, tmp_path: Path, bundled: Dossier
) -> None:
    exported = export(bundled, tmp_path / "full.pdf")
    laid = build_layout(bundled, BriefingOptions())
    joined = [s for p in laid.parts for s in p.starts[1:]]
    assert joined  # the bundled briefing joins at least one short part to a page
    outline = dict(bookmarks(exported.reader))
    for start in joined:
        page = outline[start.part.title]
        assert squash(start.part.title) in squash(exported.texts[page])


def test_contents_have_dot_leaders_and_link_to_their_parts(
    qapp: object, tmp_path: Path, bundled: Dossier
) -> None:
    exported = export(bundled, tmp_path / "full.pdf")
    laid = build_layout(bundled, BriefingOptions(), links=True)
    contents = next(p for p in laid.parts if p.part.kind == "contents")
    entries = L._entries(laid)  # (part id, title, 1-based page) of each contents entry
    assert len(contents.leaders) == len(entries)
    assert all(end - start > 20 for _, start, end in contents.leaders)
    page = exported.reader.pages[contents.first_page]
    links = [a.get_object() for a in page.get("/Annots") or []]
    targets = [
        exported.reader.get_page_number(link["/Dest"][0].get_object())
        for link in links
        if link.get("/Contents") == CONTENTS_LINK
    ]
    assert targets == [number - 1 for _, _, number in entries]


def test_draft_and_handling_are_on_every_page(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    export(MULTILINGUAL, out, draft=True, handling="Not for distribution beyond the delegation")
    reader = PdfReader(out)
    for page in reader.pages:
        text = squash(page.extract_text())
        assert "DRAFT" in text
        assert "Notfordistributionbeyondthedelegation" in text


def test_a_handling_caveat_too_long_is_refused(qapp: object, bundled: Dossier) -> None:
    with pytest.raises(ExportError, match="the handling caveat is 200 characters"):
        build_layout(bundled, BriefingOptions(handling="x" * 200))
