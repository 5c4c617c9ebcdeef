"""Briefing content as HTML for Qt rich text: one rendering for the screen and the page.

The output keeps to the subset of HTML 4 and CSS that ``QTextDocument`` understands
(tables, ``<a name>``, class selectors in a default style sheet). Every string that
comes from a dossier or a source passes through :func:`html.escape`; nothing here
produces an ``<img>`` or a link to anywhere but this document.

Links and anchors (the viewer relies on them, the briefing may too):

- each item: ``<a name="politics/point/3"></a>`` (its ``anchor``);
- each section: ``<a name="section/politics"></a>``;
- each source paragraph: ``<a name="source:interview/26"></a>``;
- each citation: ``<a class="cite" href="cite:interview:26:10:57">¶ 26</a>``
  (source id, paragraph, start and end character offsets into the paragraph text).

A source paragraph's text sits alone in its own block with ``white-space: pre-wrap``,
so the character offsets of a citation are offsets into that block.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dossier.core.model import (
    Citation,
    Dossier,
    Entity,
    Event,
    Figure,
    Point,
    Quote,
    Section,
    Source,
)
from dossier.core.source import Paragraph

CITE_SCHEME = "cite"

# How entity kinds are grouped on a page, in this order.
ENTITY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("person",)),
    ("Organisations", ("organization",)),
    ("Places and infrastructure", ("place", "infrastructure")),
    ("Programmes, agreements and vessels", ("program", "agreement", "vessel")),
)

NOWRAP = ' style="white-space: nowrap"'
SHORT_CELL = 14  # characters a figure's period or change may hold and still never wrap

# How many figures of each section the overview shows.
HEADLINE_FIGURES = 2


def esc(text: str) -> str:
    """Escape dossier text for HTML content and attribute values."""
    return html.escape(text, quote=True)


# -- links and anchors ------------------------------------------------------------------
def cite_href(citation: Citation) -> str:
    """The link a citation marker points to."""
    return (
        f"{CITE_SCHEME}:{citation.source_id}:{citation.paragraph}:{citation.start}:{citation.end}"
    )


def parse_cite_href(href: str) -> tuple[str, int, int, int] | None:
    """``(source_id, paragraph, start, end)`` from a citation link; None if it is not one."""
    parts = href.split(":")
    if len(parts) != 5 or parts[0] != CITE_SCHEME:
        return None
    try:
        paragraph, start, end = (int(part) for part in parts[2:])
    except ValueError:
        return None
    return parts[1], paragraph, start, end


def source_anchor(source_id: str, paragraph: int) -> str:
    """The anchor name of a source paragraph."""
    return f"source:{source_id}/{paragraph}"


def section_anchor(section_id: str) -> str:
    """The anchor name at the top of a section."""
    return f"section/{section_id}"


def anchor(name: str) -> str:
    """An empty named anchor (Qt attaches it to the text that follows)."""
    return f'<a name="{esc(name)}"></a>'


def merged_cites(cites: Iterable[Citation]) -> list[Citation]:
    """An item's citations with those in the same paragraph merged into one span.

    Two passages of one paragraph show one marker, whose link highlights both; the
    markers read in paragraph order (¶ 16 ¶ 30), as a reader scans a source.
    """
    merged: dict[tuple[str, int], Citation] = {}
    for c in cites:
        key = (c.source_id, c.paragraph)
        seen = merged.get(key)
        if seen is None:
            merged[key] = c
        else:
            merged[key] = Citation(
                c.source_id,
                f"{seen.quote} … {c.quote}",
                c.paragraph,
                min(seen.start, c.start),
                max(seen.end, c.end),
            )
    return sorted(merged.values(), key=lambda c: (c.source_id, c.paragraph))


def tooltip(text: str) -> str:
    """Plain text as a tooltip: Qt guesses whether a tooltip is HTML, so it is always
    given as HTML, with the text escaped, and shows literally whatever the text holds."""
    return f"<p>{esc(text)}</p>"


def cite_links(cites: Iterable[Citation]) -> str:
    """The ¶ markers of an item, each a link to its passage; empty when uncited."""
    links = [
        f'<a class="cite" href="{esc(cite_href(c))}" title="{esc(tooltip(c.quote))}">'
        f"{esc(c.marker)}</a>"
        for c in merged_cites(cites)
    ]
    if not links:
        return ""
    return '<span class="cites">\u00a0' + "\u2002".join(links) + "</span>"


# -- pieces ---------------------------------------------------------------------------------
def heading(text: str, level: int = 2, css_class: str = "") -> str:
    """A heading; ``css_class`` is added to the element when given."""
    klass = f' class="{css_class}"' if css_class else ""
    return f"<h{level}{klass}>{esc(text)}</h{level}>"


def summary_html(text: str, css_class: str = "summary") -> str:
    """A summary paragraph (the dossier's bottom line, or a section's)."""
    return f'<p class="{css_class}">{esc(text)}</p>'


def points_html(points: Sequence[Point]) -> str:
    """The key points as a bulleted list, each with its anchor and ¶ markers."""
    if not points:
        return ""
    items = "".join(
        f'<li class="point">{anchor(p.anchor)}{esc(p.text)}{cite_links(p.cites)}</li>'
        for p in points
    )
    return f'{heading("Key points")}<ul class="points">{items}</ul>'


def figures_table(
    rows: Sequence[tuple[Figure, Section | None]], *, show_section: bool = False
) -> str:
    """A table of figures: label, value (right-aligned), unit, period, change, source.

    ``show_section`` groups the figures under their section's name (for the overview):
    a small heading and a table per section, with the same columns, so a page break
    falls between groups and the label keeps the room it needs.
    """
    if not rows:
        return ""
    has_period = any(f.period for f, _ in rows)
    has_change = any(f.change for f, _ in rows)
    # Qt lays out tables well only when every column has a width: share out 100%.
    widths = {"value": 9, "unit": 15, "cites": 7}
    widths["period"] = 11 if has_period else 0
    widths["change"] = 15 if has_change else 0
    widths["label"] = 100 - sum(widths.values())
    columns = [
        ("label", "Figure", "label"),
        ("value", "Value", "num value"),
        ("unit", "Unit", "unit"),
        ("period", "Period", "period"),
        ("change", "Change", "num change"),
        ("cites", "¶", "cell-cites"),
    ]
    shown = [(key, title, klass) for key, title, klass in columns if widths.get(key, 1)]
    if not show_section:
        return _figure_rows_table([f for f, _ in rows], shown, widths, header=True)
    groups: list[tuple[Section | None, list[Figure]]] = []
    for figure, section in rows:
        if not groups or groups[-1][0] is not section:
            groups.append((section, []))
        groups[-1][1].append(figure)
    return "".join(
        (f'<h4 class="figure-group">{esc(section.title)}</h4>' if section else "")
        + _figure_rows_table(figures, shown, widths, header=index == 0)
        for index, (section, figures) in enumerate(groups)
    )


def _figure_rows_table(
    figures: Sequence[Figure],
    shown: Sequence[tuple[str, str, str]],
    widths: dict[str, int],
    *,
    header: bool,
) -> str:
    head = ""
    if header:
        cells = "".join(
            f'<th class="{"num" if key in ("value", "change") else key}" '
            f'width="{widths[key]}%"{NOWRAP}>{title}</th>'
            for key, title, _ in shown
        )
        head = f'<thead><tr class="head">{cells}</tr></thead>'
    body = []
    for figure in figures:
        values = {
            "label": anchor(figure.anchor) + esc(figure.label),
            "value": esc(figure.value_text),
            "unit": esc(figure.unit),
            "period": esc(figure.period or ""),
            "change": esc(figure.change or ""),
            "cites": cite_links(figure.cites).strip(),
        }
        # A value, and a short period or change ("2019–2020", "-38% vs 2019"), stays on
        # one line; a long one ("since independence") may wrap, or it would starve the
        # other columns.
        keep = {"value"} | {
            key
            for key, text in (("period", figure.period), ("change", figure.change))
            if text and len(text) <= SHORT_CELL
        }
        cells = "".join(
            f'<td class="{klass}" width="{widths[key]}%"'
            f"{NOWRAP if key in keep else ''}>{values[key]}</td>"
            for key, _, klass in shown
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        '<table class="figures" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )


def timeline_html(
    rows: Sequence[tuple[Event, Section | None]], *, show_section: bool = False
) -> str:
    """Events sorted by date; upcoming ones (after the as-of date) are marked."""
    if not rows:
        return ""
    ordered = sorted(rows, key=lambda row: row[0].date.sort_key())
    body = []
    for event, section in ordered:
        mark = '<span class="upcoming">UPCOMING</span> ' if event.upcoming else ""
        where = (
            f' <span class="muted">· {esc(section.title)}</span>'
            if show_section and section
            else ""
        )
        row_class = "event upcoming-row" if event.upcoming else "event"
        body.append(
            f'<tr class="{row_class}">'
            f'<td class="date">{anchor(event.anchor)}{esc(event.date.display())}</td>'
            f'<td class="what">{mark}{esc(event.title)}{where}{cite_links(event.cites)}</td>'
            "</tr>"
        )
    return (
        '<table class="timeline" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def entities_html(entities: Sequence[Entity]) -> str:
    """Entities grouped (people; organisations; places; programmes...) with role and aliases."""
    if not entities:
        return ""
    parts = []
    for title, kinds in ENTITY_GROUPS:
        group = [e for e in entities if e.kind in kinds]
        if not group:
            continue
        items = []
        for entity in group:
            role = f'<span class="role"> — {esc(entity.role)}</span>' if entity.role else ""
            aliases = (
                f'<span class="aliases"> (also: {esc(", ".join(entity.aliases))})</span>'
                if entity.aliases
                else ""
            )
            items.append(
                f'<li class="entity">{anchor(entity.anchor)}'
                f'<span class="name">{esc(entity.name)}</span>{role}{aliases}'
                f"{cite_links(entity.cites)}</li>"
            )
        parts.append(f'{heading(title, 3)}<ul class="entities">{"".join(items)}</ul>')
    return "".join(parts)


def quotes_html(quotes: Sequence[Quote]) -> str:
    """Verbatim quotes as block quotes, each with its speaker and ¶ marker."""
    if not quotes:
        return ""
    parts = []
    for quote in quotes:
        speaker = f"— {esc(quote.speaker)}" if quote.speaker else "—"
        parts.append(
            f'<blockquote class="quote">{anchor(quote.anchor)}'
            f'<p class="quote-text">\u201c{esc(quote.text)}\u201d</p>'
            f'<p class="speaker">{speaker}{cite_links(quote.cites)}</p></blockquote>'
        )
    return f"{heading('Quotes')}{''.join(parts)}"


def banner_html(dossier: Dossier) -> str:
    """The classification banner."""
    return f'<p class="banner">{esc(dossier.classification)}</p>'


def source_meta_html(source: Source, *, with_title: bool = True) -> str:
    """What is known about a source, as a small definition table."""
    fields = [
        ("Title", source.title if with_title else None),
        ("Publisher", source.publisher),
        ("Author", source.author),
        ("Interviewee", source.interviewee),
        ("Date", source.date),
        ("Kind", source.kind),
        ("Address", source.url),  # shown as text: a dossier's link is never followed
        ("Paragraphs", str(len(source.text.paragraphs))),
    ]
    rows = "".join(
        f'<tr><td class="key">{esc(key)}</td><td class="val">{esc(value)}</td></tr>'
        for key, value in fields
        if value
    )
    return (
        '<table class="meta" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{rows}</tbody></table>"
    )


def _meta_line(dossier: Dossier) -> str:
    parts = [f"As of {esc(dossier.as_of.display())}"]
    if dossier.countries:
        parts.append(esc(" · ".join(dossier.countries)))
    if dossier.producer:
        parts.append(esc(dossier.producer))
    return '<p class="meta-line">' + "\u2003|\u2003".join(parts) + "</p>"


# -- pages --------------------------------------------------------------------------------
def overview_html(dossier: Dossier) -> str:
    """The overview: title, banner, metadata, bottom line, headline figures, timeline."""
    parts = [
        banner_html(dossier),
        anchor("overview"),
        heading(dossier.title, 1, "title"),
    ]
    if dossier.subtitle:
        parts.append(f'<p class="subtitle">{esc(dossier.subtitle)}</p>')
    parts.append(_meta_line(dossier))
    parts.append(heading("Bottom line up front"))
    parts.append(summary_html(dossier.summary, "summary bluf"))
    if dossier.sections:
        toc = "".join(
            f'<li class="toc-item"><span class="name">{esc(s.title)}</span>'
            f'<span class="muted"> — {_counts_text(s)}</span></li>'
            for s in dossier.sections
        )
        parts.append(f'{heading("Sections")}<ul class="toc">{toc}</ul>')
    headline = [(f, s) for s in dossier.sections for f in s.figures[:HEADLINE_FIGURES]]
    if headline:
        parts.append(heading("Headline figures"))
        parts.append(figures_table(headline, show_section=True))
    events = dossier.events()
    if events:
        parts.append(heading("Timeline"))
        parts.append(timeline_html([(e, s) for s, e in events], show_section=True))
    plural = "Sources" if len(dossier.sources) > 1 else "Source"
    parts.append(heading(plural))
    for source in dossier.sources:
        parts.append(source_meta_html(source))
    return "".join(parts)


def _counts_text(section: Section) -> str:
    counts = [
        (len(section.points), "point"),
        (len(section.figures), "figure"),
        (len(section.events), "event"),
        (len(section.entities), "entity"),
        (len(section.quotes), "quote"),
    ]
    words = []
    for n, word in counts:
        if n:
            plural = "entities" if word == "entity" else f"{word}s"
            words.append(f"{n} {word if n == 1 else plural}")
    return esc(", ".join(words)) if words else "empty"


def section_html(dossier: Dossier, section: Section) -> str:
    """A section: summary, key points, figures, timeline, entities, quotes."""
    parts = [
        banner_html(dossier),
        anchor(section_anchor(section.id)),
        heading(section.title, 1, "title"),
        f'<p class="meta-line">{esc(dossier.title)}\u2003|\u2003'
        f"As of {esc(dossier.as_of.display())}</p>",
        summary_html(section.summary),
        points_html(section.points),
    ]
    if section.figures:
        parts.append(heading("Key figures"))
        parts.append(figures_table([(f, None) for f in section.figures]))
    if section.events:
        parts.append(heading("Timeline"))
        parts.append(timeline_html([(e, None) for e in section.events]))
    if section.entities:
        parts.append(heading("People and organisations"))
        parts.append(entities_html(section.entities))
    parts.append(quotes_html(section.quotes))
    return "".join(parts)


def paragraph_html(source_id: str, paragraph: Paragraph) -> str:
    """One source paragraph: its number (and Q/A turn) beside its text, verbatim."""
    turn = paragraph.turn
    label = f'<span class="turn">{turn}</span>' if turn else ""
    row_class = f"para turn-{turn.lower()}" if turn else "para"
    return (
        f'<tr class="{row_class}"><td class="pnum">{paragraph.number}</td>'
        f'<td class="pturn">{label}</td>'
        f'<td class="ptext">{anchor(source_anchor(source_id, paragraph.number))}'
        f"{esc(paragraph.text)}</td></tr>"
    )


def source_html(dossier: Dossier, source: Source) -> str:
    """A source: its metadata, then every paragraph numbered, Q and A turns marked."""
    rows = "".join(paragraph_html(source.id, p) for p in source.text.paragraphs)
    return "".join(
        [
            banner_html(dossier),
            anchor(f"source:{source.id}"),
            heading(source.title, 1, "source-title"),
            source_meta_html(source, with_title=False),
            '<p class="muted legend">Paragraphs are numbered as the dossier cites them '
            "(¶). Q marks a question, A an answer.</p>",
            '<table class="source" width="100%" cellspacing="0" cellpadding="0" border="0">'
            f"<tbody>{rows}</tbody></table>",
        ]
    )


# -- style ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Colors:
    """The colours the style sheet uses (``#rrggbb``), taken from the UI palette."""

    text: str = "#1d1d1f"
    muted: str = "#5f6368"
    link: str = "#1a5fb4"
    rule: str = "#9aa0a6"
    faint: str = "#e6e6e6"
    banner_text: str = "#ffffff"
    banner_back: str = "#2e7d32"
    upcoming_text: str = "#ffffff"
    upcoming_back: str = "#b35900"
    quote_rule: str = "#c7c7c7"


LIGHT = Colors()
DARK = Colors(
    text="#e8e6e3",
    muted="#a8a8a8",
    link="#8ab4f8",
    rule="#7a7a7a",
    faint="#3a3a3a",
    banner_text="#ffffff",
    banner_back="#2e6b31",
    upcoming_text="#1b1b1b",
    upcoming_back="#f0a35a",
    quote_rule="#5a5a5a",
)

SERIF = "'Charis SIL', 'Source Serif 4', 'DejaVu Serif', 'Georgia', serif"
SANS = "'Inter', 'Source Sans 3', 'DejaVu Sans', 'Helvetica', sans-serif"


def stylesheet(
    colors: Colors = LIGHT,
    *,
    base_pt: float = 11.5,
    print_mode: bool = False,
    serif: str = SERIF,
    sans: str = SANS,
) -> str:
    """The CSS for these pages, for ``QTextDocument.setDefaultStyleSheet``.

    ``print_mode`` drops colours that waste ink (the banner becomes a bordered line)
    and tightens the spacing a little.
    """
    c = colors
    gap = 0.8 if print_mode else 1.0

    def pt(factor: float) -> str:
        return f"{base_pt * factor:.1f}pt"

    def px(factor: float) -> str:  # Qt reads box lengths in px only (1pt = 4/3 px)
        return f"{round(base_pt * factor * 4 / 3)}px"

    banner = (
        f"color: {c.text}; background-color: transparent; font-weight: 700;"
        if print_mode
        else f"color: {c.banner_text}; background-color: {c.banner_back}; font-weight: 700;"
    )
    body = f"font-family: {serif}; font-size: {pt(1)}; color: {c.text};"
    return f"""
body {{ {body} }}
p, li, td, blockquote {{ {body} }}
p {{ margin-top: 0px; margin-bottom: {px(0.75 * gap)}; line-height: 100%; }}
h1, h2, h3, th {{ font-family: {sans}; color: {c.text}; }}
h1 {{ font-size: {pt(1.9)}; font-weight: 700; margin-top: {px(0.5)}; margin-bottom: {px(0.2)}; }}
h2 {{ font-size: {pt(1.2)}; font-weight: 600; margin-top: {px(1.9 * gap)};
      margin-bottom: {px(0.55)}; }}
h3 {{ font-size: {pt(0.95)}; font-weight: 600; margin-top: {px(1.0 * gap)};
      margin-bottom: {px(0.3)}; color: {c.muted}; }}
a {{ color: {c.link}; text-decoration: none; }}
a.cite {{ font-family: {sans}; font-size: {pt(0.78)}; color: {c.link}; }}
.banner {{ {banner} font-family: {sans}; font-size: {pt(0.8)}; text-align: center;
           margin-bottom: {px(1.2)}; line-height: 150%; }}
.subtitle {{ font-size: {pt(1.12)}; color: {c.muted}; margin-top: {px(0.1)};
             margin-bottom: {px(0.5)}; line-height: 100%; }}
.meta-line {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted};
              margin-bottom: {px(1.1)}; }}
.summary {{ font-size: {pt(1.06)}; }}
.muted {{ color: {c.muted}; }}
.legend {{ font-family: {sans}; font-size: {pt(0.85)}; margin-top: {px(1.0)};
           margin-bottom: {px(0.6)}; }}
ul {{ margin-top: 0px; margin-bottom: 0px; margin-left: 0px; }}
li {{ margin-bottom: {px(0.45 * gap)}; line-height: 100%; }}
li.toc-item {{ margin-bottom: {px(0.1)}; }}
.name {{ font-weight: 600; }}
.aliases {{ color: {c.muted}; font-style: italic; }}
table {{ margin-top: {px(0.2)}; margin-bottom: {px(0.4)}; border-collapse: collapse; }}
th {{ font-size: {pt(0.78)}; font-weight: 600; color: {c.muted}; text-align: left;
      padding-top: 2px; padding-bottom: 5px; padding-right: {px(0.9)}; padding-left: 0px;
      border-bottom: 1px solid {c.rule}; }}
td {{ padding-top: {px(0.3)}; padding-bottom: {px(0.3)}; padding-right: {px(0.9)};
      padding-left: 0px; vertical-align: top; }}
.num {{ text-align: right; }}
td.value {{ font-family: {sans}; font-size: {pt(0.92)}; font-weight: 600; white-space: nowrap; }}
td.unit, td.period, td.change {{ font-family: {sans}; font-size: {pt(0.85)}; }}
h4.figure-group {{ font-family: {sans}; font-size: {pt(0.85)}; font-weight: 600;
                  color: {c.muted}; margin-top: {px(0.7)}; margin-bottom: 0px; }}
td.cell-cites {{ white-space: nowrap; padding-right: 0px; }}
td.date {{ font-family: {sans}; font-size: {pt(0.85)}; font-weight: 600; white-space: nowrap;
           padding-right: {px(1.2)}; }}
.upcoming {{ font-family: {sans}; font-size: {pt(0.68)}; font-weight: 700;
             color: {c.upcoming_text}; background-color: {c.upcoming_back}; }}
blockquote {{ margin-left: {px(1.5)}; margin-right: {px(1.5)}; margin-top: {px(0.5)};
              margin-bottom: {px(1.0)}; }}
.quote-text {{ font-style: italic; margin-bottom: {px(0.25)}; }}
.speaker {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted}; }}
.meta td {{ padding-top: 1px; padding-bottom: 1px; }}
.meta td.key {{ font-family: {sans}; font-size: {pt(0.85)}; color: {c.muted};
               padding-right: {px(1.2)}; }}
h1.source-title {{ font-size: {pt(1.45)}; }}
.source td {{ padding-top: {px(0.25)}; padding-bottom: {px(0.45)}; }}
td.pnum {{ font-family: {sans}; font-size: {pt(0.8)}; color: {c.muted}; text-align: right;
           padding-right: {px(0.6)}; white-space: nowrap; padding-top: {px(0.45)}; }}
td.pturn {{ padding-right: {px(0.6)}; padding-top: {px(0.45)}; }}
.turn {{ font-family: {sans}; font-size: {pt(0.8)}; font-weight: 700; color: {c.link}; }}
td.ptext {{ white-space: pre-wrap; line-height: 100%; }}
tr.turn-q td.ptext {{ font-weight: 600; }}
"""
