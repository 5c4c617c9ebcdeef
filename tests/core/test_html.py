"""The HTML rendering of briefing content: escaped, anchored, cited (no Qt here)."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier.core import anchors, screen_style
from dossier.core.html.links import cite_links, merged_cites
from dossier.core.html.pages import HEADLINE_FIGURES, overview_html, section_html, source_html
from dossier.core.html.pieces import RenderOptions, esc
from dossier.core.html.timeline import event_mark
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier

HOSTILE_SOURCE = """\
Q.: What about <script>alert('x')</script> and <img src="http://evil.example/a.png">?
A.: We visited <a href="http://evil.example/">the port</a> & signed 3 deals in 2020.
A.: Trade reached 1250000 tonnes.
"""

HOSTILE_DOSSIER = """\
format: briefing-dossier/1
id: hostile
title: "<b>Bold</b> & <script>alert(1)</script>"
subtitle: '<img src="http://evil.example/t.png">'
as_of: 2021-02
countries: ["<i>A</i>", B]
summary: 'Read <a href="http://evil.example/">this</a> now.'
sources:
  - id: talk
    path: source.txt
    title: "<h1>Talk</h1>"
    url: "http://evil.example/page"
sections:
  - id: ports
    title: "Ports <u>&</u> rails"
    summary: "<script>document.write('x')</script>"
    points:
      - text: 'See <img src="http://evil.example/p.png"> here'
        cite: "signed 3 deals in 2020"
      - text: Second point
        cite: "<script>alert('x')</script>"
    figures:
      - label: "Cargo <b>handled</b>"
        value: 1250000
        unit: tonnes
        period: "2020"
        change: "+19%"
        cite: "Trade reached 1250000 tonnes"
    events:
      - date: 2022
        title: "Later <i>thing</i>"
        cite: "signed 3 deals"
      - date: 2020
        title: Earlier thing
        cite: "signed 3 deals in 2020"
    entities:
      - name: "<a href='http://evil.example/'>Evil</a>"
        kind: person
        role: "<b>role</b>"
        aliases: ["<x>"]
      - name: Port of Kuryk
        kind: infrastructure
      - name: The Ministry
        kind: organization
    quotes:
      - text: "We visited <a href=\\"http://evil.example/\\">the port</a>"
        speaker: "<b>Ambassador</b>"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Dossier:
    (tmp_path / "source.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_DOSSIER, encoding="utf-8")
    return load_dossier(path)


def _pages(dossier: Dossier) -> list[str]:
    return [
        overview_html(dossier),
        *(section_html(dossier, s) for s in dossier.sections),
        *(source_html(dossier, s) for s in dossier.sources),
    ]


def test_rendering_needs_no_qt() -> None:
    code = (
        "import sys, dossier.core.html.pages; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "background"):
                self.links.append((tag, name, value or ""))


def _links(page: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, address) a browser would follow or load in ``page``."""
    parser = _LinkParser()
    parser.feed(page)
    parser.close()
    return parser.links


def test_hostile_text_is_escaped_everywhere(hostile: Dossier) -> None:
    for page in _pages(hostile):
        lowered = page.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered
        assert "<b>" not in lowered and "<i>" not in lowered and "<u>" not in lowered
        # only our own links: citations and places in the dossier, however quoted
        for tag, name, value in _links(page):
            assert (tag, name) == ("a", "href"), (tag, name, value)
            assert anchors.is_cite_href(value) or anchors.parse_go_href(value), value
    assert any(_links(page) for page in _pages(hostile)), "the citation links are seen"
    overview = overview_html(hostile)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in overview
    assert "&lt;img src=&quot;http://evil.example/t.png&quot;&gt;" in overview
    assert "http://evil.example/page" in overview  # the source address, as text


def test_hostile_source_text_is_escaped(hostile: Dossier) -> None:
    page = source_html(hostile, hostile.sources[0])
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;a href=&quot;http://evil.example/&quot;&gt;the port&lt;/a&gt; &amp; signed" in page


def test_every_item_has_an_anchor(hostile: Dossier, bundled: Path) -> None:
    for dossier in (hostile, load_dossier(bundled)):
        for section in dossier.sections:
            page = section_html(dossier, section)
            names = set(re.findall(r'<a name="([^"]*)"', page))
            assert anchors.section(section.id) in names
            for item in section.items():
                assert item.anchor in names, item.anchor


def test_source_paragraphs_have_anchors_numbers_and_turns(hostile: Dossier) -> None:
    source = hostile.sources[0]
    page = source_html(hostile, source)
    for paragraph in source.text.paragraphs:
        assert f'<a name="source:talk/{paragraph.number}"></a>' in page
        assert f'<td class="pnum">{paragraph.number}</td>' in page
    assert page.count('<span class="turn">Q</span>') == 1
    assert page.count('<span class="turn">A</span>') == 2


def test_cite_links_point_at_the_passage(hostile: Dossier) -> None:
    section = hostile.sections[0]
    page = section_html(hostile, section)
    links = re.findall(r'<a class="cite" href="([^"]*)"[^>]*>([^<]*)</a>', page)
    cites = [c for item in section.items() for c in merged_cites(item.cites)]
    assert len(links) == len(cites)
    for citation in cites:
        href = anchors.cite_href(citation)
        assert (href, citation.marker) in links
        parsed = anchors.parse_cite_href(href)
        assert parsed == (citation.source_id, citation.paragraph, citation.start, citation.end)
        text = hostile.source(citation.source_id).text.paragraph(citation.paragraph).text
        assert text[citation.start : citation.end].startswith(citation.quote[:5])


def test_parse_cite_href_refuses_other_links() -> None:
    assert anchors.parse_cite_href("http://evil.example/") is None
    assert anchors.parse_cite_href("cite:talk:x:1:2") is None
    assert anchors.parse_cite_href("cite:talk:1:2") is None
    assert anchors.parse_cite_href("cite:talk:3:4:9") == ("talk", 3, 4, 9)


def test_figures_table_formats_values(hostile: Dossier) -> None:
    page = section_html(hostile, hostile.sections[0])
    assert re.search(r'<td class="num value"[^>]*>1,250,000</td>', page)
    assert "<th" in page and "+19%" in page


def test_timeline_is_sorted_and_marks_upcoming(hostile: Dossier) -> None:
    page = section_html(hostile, hostile.sections[0])
    assert page.index("Earlier thing") < page.index("Later &lt;i&gt;thing")
    assert page.count("UPCOMING") == 1
    assert page.index("UPCOMING") > page.index("Earlier thing")


def test_timeline_puts_a_year_after_its_months_and_marks_what_is_planned(bundled: Path) -> None:
    dossier = load_dossier(bundled)  # as of Feb 2021
    culture = next(s for s in dossier.sections if any(e.date.month == 1 for e in s.events))
    page = section_html(dossier, culture)
    january = next(e for e in culture.events if e.date.year == 2021 and e.date.month == 1)
    planned = next(e for e in culture.events if e.title.startswith("Planned"))
    assert planned.date.month is None and planned.date.year == 2021
    assert page.index(esc(january.title)) < page.index(esc(planned.title))
    # the rule at the as-of date comes between them, and the planned event is marked
    rule = page.index('class="as-of-row"')
    assert page.index(esc(january.title)) < rule < page.index(esc(planned.title))
    assert f"As of {dossier.as_of.display()}" in page
    row = page[page.rindex("<tr", 0, page.index(esc(planned.title))) :]
    assert row.index("PLANNED") < row.index(esc(planned.title))


def test_event_marks(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    marks = {e.title: event_mark(e, dossier.as_of) for _, e in dossier.events()}
    assert marks["Launch of the 1-million-ton grain terminal at Kuryk port"] == "UPCOMING"
    planned = [t for t, m in marks.items() if m == "PLANNED"]
    assert planned and all(t.startswith("Planned") for t in planned)
    assert all(e.date.year == 2021 for _, e in dossier.events() if e.title in planned)
    # an event of the as-of year that is not said to be planned has no mark
    beket = next(t for t in marks if "Beket Ata" in t)
    assert marks[beket] == ""
    assert not event_mark(dossier.events()[0][1], dossier.as_of)  # the oldest is past


def test_overview_sections_and_headline_figures_link_to_their_place(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    page = overview_html(dossier)
    for section in dossier.sections:
        href = anchors.go_href(anchors.section(section.id))
        assert f'href="{esc(href)}">{esc(section.title)}</a>' in page
    figure = next(s.figures[0] for s in dossier.sections if s.figures)
    assert f'href="{esc(anchors.go_href(figure.anchor))}">{esc(figure.label)}</a>' in page
    # every link on the overview is a citation's or a place's: nothing leads outside
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(anchors.is_cite_href(h) or anchors.parse_go_href(h) for h in hrefs)


def test_parse_go_href() -> None:
    assert anchors.parse_go_href("go:section/politics") == "section/politics"
    assert anchors.parse_go_href(anchors.go_href("energy/figure/2")) == "energy/figure/2"
    for other in ("go:", "http://x/", "cite:interview:1:0:3", "go:a b", "gopher:x"):
        assert anchors.parse_go_href(other) is None


def test_entities_are_grouped_in_order(hostile: Dossier) -> None:
    page = section_html(hostile, hostile.sections[0])
    people = page.index(">People<")
    organisations = page.index(">Organisations<")
    places = page.index(">Places and infrastructure<")
    assert people < organisations < places
    assert "&lt;b&gt;role&lt;/b&gt;" in page and "also: &lt;x&gt;" in page
    assert ">Programmes, agreements and vessels<" not in page  # empty groups are left out


def test_quotes_show_speaker_and_marker(hostile: Dossier) -> None:
    page = section_html(hostile, hostile.sections[0])
    assert '<blockquote class="quote">' in page
    assert "— &lt;b&gt;Ambassador&lt;/b&gt;" in page


def test_overview_has_every_part(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    page = overview_html(dossier)
    assert esc(dossier.title) in page
    assert dossier.classification in page
    assert f"As of {dossier.as_of.display()}" in page
    for section in dossier.sections:
        assert esc(section.title) in page
        for figure in section.figures[:HEADLINE_FIGURES]:
            assert f'<a name="{figure.anchor}"></a>' in page
    for _, event in dossier.events():
        assert f'<a name="{event.anchor}"></a>' in page


def test_print_stylesheet_drops_banner_colour() -> None:
    screen = screen_style.stylesheet()
    printed = screen_style.stylesheet(print_mode=True)
    assert screen_style.LIGHT.banner_back in screen
    assert screen_style.LIGHT.banner_back not in printed


def test_two_passages_of_one_paragraph_share_a_marker(hostile: Dossier) -> None:
    first, second = (hostile.sections[0].points[0].cites[0], hostile.sections[0].points[1].cites[0])
    assert first.paragraph != second.paragraph or first.start != second.start
    same = [first, first.__class__(first.source_id, "x", first.paragraph, 0, 3)]
    (merged,) = merged_cites(same)
    assert (merged.start, merged.end) == (0, max(first.end, 3))
    assert cite_links(same).count('class="cite"') == 1


def test_markers_read_in_paragraph_order(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    for section in dossier.sections:
        for item in section.items():
            numbers = [c.paragraph for c in merged_cites(item.cites)]
            assert numbers == sorted(set(numbers)), item.anchor


def test_a_citation_tooltip_shows_its_quote_literally() -> None:
    from dossier.core.model import Citation

    hostile = Citation("interview", '<img src="http://evil/x.png"> & more', 3, 0, 10)
    link = cite_links([hostile])
    title = re.search(r'title="([^"]*)"', link)
    assert title is not None
    # After the HTML parser unescapes the attribute, the tooltip is HTML whose text
    # is the quote itself: no element of the quote survives as markup.
    import html as stdlib_html

    shown = stdlib_html.unescape(title.group(1))
    assert shown == "<p>&lt;img src=&quot;http://evil/x.png&quot;&gt; &amp; more</p>"


def test_paper_rendering_drops_the_banner_and_links_and_keeps_the_text(bundled: Path) -> None:
    dossier = load_dossier(bundled)
    paper = RenderOptions(banner=False, links=False, paper=True)
    for section in dossier.sections:
        screen = section_html(dossier, section)
        printed = section_html(dossier, section, paper)
        assert 'class="banner"' in screen and 'class="banner"' not in printed
        assert 'href="cite:' in screen and "href=" not in printed
        assert printed.count('class="cite"') == screen.count('class="cite"')

        def text(page: str) -> str:
            return re.sub(r"<[^>]*>", "", page.replace(esc(dossier.classification), "", 1))

        assert text(printed) == text(screen)  # the same words, markers included
