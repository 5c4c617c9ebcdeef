"""Anchors and tab ids: every place a search result or a link names is on the tab it
opens (no Qt here)."""

from __future__ import annotations

import re
from pathlib import Path

from dossier.core import anchors
from dossier.core.html import pages as H
from dossier.core.loader import load_dossier
from dossier.core.search.documents import anchor_in
from dossier.core.search.extract import own_documents, paragraphs


def _names(page: str) -> set[str]:
    return set(re.findall(r'<a name="([^"]*)"', page))


def test_every_search_result_is_on_the_tab_it_opens(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    section_ids = [s.id for s in dossier.sections]
    pages = {anchors.OVERVIEW: H.overview_html(dossier)}
    pages.update({s.id: H.section_html(dossier, s) for s in dossier.sections})
    pages.update({anchors.source(s.id): H.source_html(dossier, s) for s in dossier.sources})
    found = [anchor_in(d, None) for d in own_documents(dossier)]
    found += [anchor_in(d, s.id) for s in dossier.sources for d in paragraphs(s)]
    kinds = {d.kind for d in own_documents(dossier)}
    assert kinds >= {"overview", "section", "point", "quote"}
    assert any(anchor.startswith(anchors.source("")) for anchor in found)
    for anchor in found:
        tab = anchors.tab_of(anchor, section_ids)
        assert anchor in _names(pages[tab]), (anchor, tab)


def test_ids_are_built_and_read_back() -> None:
    assert anchors.item("politics", "point", 3) == "politics/point/3"
    assert anchors.section_of(anchors.item("politics", "point", 3)) == "politics"
    assert anchors.paragraph("interview", 26) == "source:interview/26"
    assert anchors.is_source_tab(anchors.source("interview"))
    assert not anchors.is_source_tab("politics")
    sections = ("politics", "trade")
    assert anchors.tab_of(anchors.paragraph("interview", 26), sections) == "source:interview"
    assert anchors.tab_of(anchors.section("trade"), sections) == "trade"
    assert anchors.tab_of("trade/figure/2", sections) == "trade"
    assert anchors.tab_of(anchors.OVERVIEW, sections) == anchors.OVERVIEW
    assert anchors.tab_of("gone/point/1", sections) == anchors.OVERVIEW  # a section not here
