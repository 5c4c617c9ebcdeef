"""Briefing content as HTML for Qt rich text: one rendering for the screen and the page.

The output keeps to the subset of HTML 4 and CSS that ``QTextDocument`` understands
(tables, ``<a name>``, class selectors in a default style sheet). Every string that
comes from a dossier or a source passes through :func:`html.escape`; nothing here
produces an ``<img>`` or a link to anywhere but this dossier.

Each item, section, source and source paragraph carries its anchor
(``<a name="politics/point/3"></a>``; a page's own inside its heading, where Qt keeps
it), each citation marker links to its passage
(``<a class="cite" href="cite:interview:26:10:57">¶ 26</a>``) and the overview's
sections and headline figures to their place (``go:section/politics``); all are spelt
by :mod:`dossier.core.anchors`, the class names by :mod:`dossier.core.styles`.
:class:`RenderOptions` says what the medium needs: the banner, the links, paper tables.

A source paragraph's text sits alone in its own block with ``white-space: pre-wrap``,
so the character offsets of a citation are offsets into that block.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.dates import PartialDate
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


@dataclass(frozen=True)
class RenderOptions:
    """What a medium needs of the content: the viewer's tabs (the default) or paper."""

    banner: bool = True  # the classification banner on top (a printed page carries its own)
    links: bool = True  # citation markers link to their passage
    paper: bool = False  # tables carry the column widths paper gives them (styles.PAPER_COLUMNS)
    # Portion marks: an item's (or a section's) anchor -> its mark, "(R)"; empty = none.
    marks: Mapping[str, str] = field(default_factory=dict, hash=False)


SCREEN = RenderOptions()
# The printed briefing: each page carries the classification; links only for a PDF.
PAPER = RenderOptions(banner=False, links=False, paper=True)


def esc(text: str) -> str:
    """Escape dossier text for HTML content and attribute values."""
    return html.escape(text, quote=True)


# -- links and anchors ------------------------------------------------------------------
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


def place_link(name: str, text_html: str, css_class: str = "") -> str:
    """``text_html`` as a link to a place in the same dossier (its anchor ``name``)."""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<a{klass} href="{esc(anchors.go_href(name))}">{text_html}</a>'


def tooltip(text: str) -> str:
    """Plain text as a tooltip: Qt guesses whether a tooltip is HTML, so it is always
    given as HTML, with the text escaped, and shows literally whatever the text holds."""
    return f"<p>{esc(text)}</p>"


def cite_links(cites: Iterable[Citation], options: RenderOptions = SCREEN) -> str:
    """The ¶ markers of an item, each a link to its passage unless ``options`` say no
    links (on paper a ``cite:`` link means nothing); empty when uncited."""

    def href(citation: Citation) -> str:
        return f' href="{esc(anchors.cite_href(citation))}"' if options.links else ""

    links = [
        f'<a class="{S.CITE}"{href(c)} title="{esc(tooltip(c.quote))}">{esc(c.marker)}</a>'
        for c in merged_cites(cites)
    ]
    if not links:
        return ""
    return f'<span class="{S.CITES}">\u00a0' + "\u2002".join(links) + "</span>"


def portion_mark(name: str, options: RenderOptions) -> str:
    """The portion mark of the item ``name`` and a space, when marks are printed."""
    mark = options.marks.get(name)
    return f'<span class="{S.PORTION}">{esc(mark)}</span>\u00a0' if mark else ""


# -- pieces ---------------------------------------------------------------------------------
def heading(text: str, level: int = 2, css_class: str = "", name: str = "") -> str:
    """A heading; ``css_class`` is added to the element when given, and the anchor
    ``name`` inside it (Qt drops an empty anchor that stands before a heading)."""
    klass = f' class="{css_class}"' if css_class else ""
    named = anchor(name) if name else ""
    return f"<h{level}{klass}>{named}{esc(text)}</h{level}>"


def summary_html(text: str, css_class: str = S.SUMMARY, *, mark: str = "") -> str:
    """A summary paragraph (the dossier's bottom line, or a section's), after its
    portion mark when one is printed (HTML from :func:`portion_mark`)."""
    return f'<p class="{css_class}">{mark}{esc(text)}</p>'


def points_html(points: Sequence[Point], options: RenderOptions = SCREEN) -> str:
    """The key points as a bulleted list, each with its anchor and ¶ markers."""
    if not points:
        return ""
    items = "".join(
        f'<li class="{S.POINT}">{anchor(p.anchor)}{portion_mark(p.anchor, options)}{esc(p.text)}'
        f"{cite_links(p.cites, options)}</li>"
        for p in points
    )
    return f'{heading("Key points")}<ul class="{S.POINTS}">{items}</ul>'


def column_width(table: str, column: int, options: RenderOptions) -> str:
    """The ``width`` attribute of a cell in ``column`` of a ``table`` (its class), on
    paper; empty on screen, where Qt shares the width out by content."""
    widths = S.PAPER_COLUMNS.get(table) if options.paper else None
    return f' width="{widths[column]}%"' if widths else ""


def figures_table(
    rows: Sequence[tuple[Figure, Section | None]],
    *,
    show_section: bool = False,
    options: RenderOptions = SCREEN,
    places: bool = False,
) -> str:
    """A table of figures: label, value (right-aligned), unit, period, change, source.

    ``show_section`` groups the figures under their section's name (for the overview):
    a small heading and a table per section, with the same columns, so a page break
    falls between groups and the label keeps the room it needs. With ``places`` each
    label links to its figure in its section (the overview's headline figures).
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
        ("label", "Figure", S.LABEL),
        ("value", "Value", f"{S.NUM} {S.VALUE}"),
        ("unit", "Unit", S.UNIT),
        ("period", "Period", S.PERIOD),
        ("change", "Change", f"{S.NUM} {S.CHANGE}"),
        ("cites", "¶", S.CELL_CITES),
    ]
    shown = [(key, title, klass) for key, title, klass in columns if widths.get(key, 1)]
    if not show_section:
        figures = [f for f, _ in rows]
        return _figure_rows_table(
            figures, shown, widths, header=True, options=options, places=places
        )
    groups: list[tuple[Section | None, list[Figure]]] = []
    for figure, section in rows:
        if not groups or groups[-1][0] is not section:
            groups.append((section, []))
        groups[-1][1].append(figure)
    return "".join(
        (f'<h4 class="{S.FIGURE_GROUP}">{esc(section.title)}</h4>' if section else "")
        + _figure_rows_table(
            figures, shown, widths, header=index == 0, options=options, places=places
        )
        for index, (section, figures) in enumerate(groups)
    )


def _figure_rows_table(
    figures: Sequence[Figure],
    shown: Sequence[tuple[str, str, str]],
    widths: dict[str, int],
    *,
    header: bool,
    options: RenderOptions,
    places: bool,
) -> str:
    head = ""
    if header:
        # A heading cell's class is its column's key; both number columns' is NUM.
        cells = "".join(
            f'<th class="{S.NUM if key in ("value", "change") else key}" '
            f'width="{widths[key]}%"{NOWRAP}>{title}</th>'
            for key, title, _ in shown
        )
        head = f'<thead><tr class="{S.HEAD}">{cells}</tr></thead>'
    body = []
    for figure in figures:
        values = {
            "label": anchor(figure.anchor)
            + portion_mark(figure.anchor, options)
            + (place_link(figure.anchor, esc(figure.label)) if places else esc(figure.label)),
            "value": esc(figure.value_text),
            "unit": esc(figure.unit),
            "period": esc(figure.period or ""),
            "change": esc(figure.change or ""),
            "cites": cite_links(figure.cites, options).strip(),
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
        f'<table class="{S.FIGURES}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )


UPCOMING_MARK = "UPCOMING"
PLANNED_MARK = "PLANNED"
# How a dossier's event title says the event is planned ("Planned: round tables ...").
PLANNED_WORDS = ("planned", "expected", "scheduled")


def event_mark(event: Event, as_of: PartialDate | None = None) -> str:
    """The mark of an event on a timeline: UPCOMING when it lies wholly after the as-of
    date; PLANNED when its title says it is planned and, at ``as_of``, it is not yet past
    ("2021" as of Feb 2021); empty otherwise."""
    if event.upcoming:
        return UPCOMING_MARK
    if (
        as_of is not None
        and event.date.reaches_after(as_of)
        and event.title.casefold().startswith(PLANNED_WORDS)
    ):
        return PLANNED_MARK
    return ""


def timeline_html(
    rows: Sequence[tuple[Event, Section | None]],
    *,
    show_section: bool = False,
    options: RenderOptions = SCREEN,
    as_of: PartialDate | None = None,
) -> str:
    """Events sorted by date (:meth:`PartialDate.sort_key`), upcoming and planned ones
    marked; with ``as_of``, a rule where the events not yet past at that date begin."""
    if not rows:
        return ""
    ordered = sorted(rows, key=lambda row: row[0].date.sort_key())
    width = [column_width(S.TIMELINE, column, options) for column in range(2)]
    body = []
    for index, (event, section) in enumerate(ordered):
        if as_of is not None and index and _first_not_past(ordered, index, as_of):
            body.append(
                f'<tr class="{S.AS_OF_ROW}"><td class="{S.DATE}"{width[0]}>'
                f"As of {esc(as_of.display())}</td>"
                f'<td class="{S.WHAT}"{width[1]}>below: not yet past at that date</td></tr>'
            )
        mark = event_mark(event, as_of)
        badge = f'<span class="{S.UPCOMING}">\u00a0{mark}\u00a0</span> ' if mark else ""
        where = (
            f' <span class="{S.MUTED}">· {esc(section.title)}</span>'
            if show_section and section
            else ""
        )
        row_class = f"{S.EVENT} {S.UPCOMING_ROW}" if event.upcoming else S.EVENT
        body.append(
            f'<tr class="{row_class}">'
            f'<td class="{S.DATE}"{width[0]}>{anchor(event.anchor)}{esc(event.date.display())}</td>'
            f'<td class="{S.WHAT}"{width[1]}>{portion_mark(event.anchor, options)}{badge}'
            f"{esc(event.title)}{where}"
            f"{cite_links(event.cites, options)}</td>"
            "</tr>"
        )
    return (
        f'<table class="{S.TIMELINE}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _first_not_past(
    ordered: Sequence[tuple[Event, Section | None]], index: int, as_of: PartialDate
) -> bool:
    """Whether the event at ``index`` is the first one not yet past at ``as_of`` (dates
    sort by their end, so those not yet past come after all the others)."""
    return ordered[index][0].date.reaches_after(as_of) and not ordered[index - 1][
        0
    ].date.reaches_after(as_of)


def entities_html(entities: Sequence[Entity], options: RenderOptions = SCREEN) -> str:
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
            role = f'<span class="{S.ROLE}"> — {esc(entity.role)}</span>' if entity.role else ""
            aliases = (
                f'<span class="{S.ALIASES}"> (also: {esc(", ".join(entity.aliases))})</span>'
                if entity.aliases
                else ""
            )
            items.append(
                f'<li class="{S.ENTITY}">{anchor(entity.anchor)}'
                f'<span class="{S.NAME}">{esc(entity.name)}</span>{role}{aliases}'
                f"{cite_links(entity.cites, options)}</li>"
            )
        parts.append(f'{heading(title, 3)}<ul class="{S.ENTITIES}">{"".join(items)}</ul>')
    return "".join(parts)


def quotes_html(quotes: Sequence[Quote], options: RenderOptions = SCREEN) -> str:
    """Verbatim quotes as block quotes, each with its speaker and ¶ marker."""
    if not quotes:
        return ""
    parts = []
    for quote in quotes:
        speaker = f"— {esc(quote.speaker)}" if quote.speaker else "—"
        parts.append(
            f'<blockquote class="{S.QUOTE}">{anchor(quote.anchor)}'
            f'<p class="{S.QUOTE_TEXT}">{portion_mark(quote.anchor, options)}'
            f"\u201c{esc(quote.text)}\u201d</p>"
            f'<p class="{S.SPEAKER}">{speaker}{cite_links(quote.cites, options)}</p></blockquote>'
        )
    return f"{heading('Quotes')}{''.join(parts)}"


def banner_html(dossier: Dossier, options: RenderOptions = SCREEN) -> str:
    """The classification banner; empty when ``options`` say the medium has its own."""
    return f'<p class="{S.BANNER}">{esc(dossier.classification)}</p>' if options.banner else ""


def key_value_table(
    table: str, rows: Iterable[tuple[str, str]], options: RenderOptions = SCREEN
) -> str:
    """A small two-column table of ``table``'s class: a key, then its value."""
    key, value = (column_width(table, column, options) for column in range(2))
    body = "".join(
        f'<tr><td class="{S.KEY}"{key}>{esc(k)}</td><td class="{S.VAL}"{value}>{esc(v)}</td></tr>'
        for k, v in rows
    )
    return (
        f'<table class="{table}" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{body}</tbody></table>"
    )


def source_meta_html(
    source: Source, *, with_title: bool = True, options: RenderOptions = SCREEN
) -> str:
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
    return key_value_table(S.META, [(k, v) for k, v in fields if v], options)


def _meta_line(dossier: Dossier) -> str:
    parts = [f"As of {esc(dossier.as_of.display())}"]
    if dossier.countries:
        parts.append(esc(" · ".join(dossier.countries)))
    if dossier.producer:
        parts.append(esc(dossier.producer))
    return f'<p class="{S.META_LINE}">' + "\u2003|\u2003".join(parts) + "</p>"


# -- pages --------------------------------------------------------------------------------
def overview_html(dossier: Dossier) -> str:
    """The overview: title, banner, metadata, bottom line, headline figures, timeline."""
    parts = [
        banner_html(dossier),
        heading(dossier.title, 1, S.TITLE, anchors.OVERVIEW),
    ]
    if dossier.subtitle:
        parts.append(f'<p class="{S.SUBTITLE}">{esc(dossier.subtitle)}</p>')
    parts.append(_meta_line(dossier))
    parts.append(heading("Bottom line up front"))
    parts.append(summary_html(dossier.summary, f"{S.SUMMARY} {S.BLUF}"))
    if dossier.sections:
        toc = "".join(
            f'<li class="{S.TOC_ITEM}">{place_link(anchors.section(s.id), esc(s.title), S.NAME)}'
            f'<span class="{S.MUTED}"> — {_counts_text(s)}</span></li>'
            for s in dossier.sections
        )
        parts.append(f'{heading("Sections")}<ul class="{S.TOC}">{toc}</ul>')
    headline = [(f, s) for s in dossier.sections for f in s.figures[:HEADLINE_FIGURES]]
    if headline:
        parts.append(heading("Headline figures"))
        parts.append(figures_table(headline, show_section=True, places=True))
    events = dossier.events()
    if events:
        parts.append(heading("Timeline"))
        rows = [(e, s) for s, e in events]
        parts.append(timeline_html(rows, show_section=True, as_of=dossier.as_of))
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


def section_html(dossier: Dossier, section: Section, options: RenderOptions = SCREEN) -> str:
    """A section: summary, key points, figures, timeline, entities, quotes."""
    parts = [
        banner_html(dossier, options),
        heading(section.title, 1, S.TITLE, anchors.section(section.id)),
        f'<p class="{S.META_LINE}">{esc(dossier.title)}\u2003|\u2003'
        f"As of {esc(dossier.as_of.display())}</p>",
        summary_html(section.summary, mark=portion_mark(anchors.section(section.id), options)),
        points_html(section.points, options),
    ]
    if section.figures:
        parts.append(heading("Key figures"))
        parts.append(figures_table([(f, None) for f in section.figures], options=options))
    if section.events:
        parts.append(heading("Timeline"))
        rows = [(e, None) for e in section.events]
        parts.append(timeline_html(rows, options=options, as_of=dossier.as_of))
    if section.entities:
        parts.append(heading("People and organisations"))
        parts.append(entities_html(section.entities, options))
    parts.append(quotes_html(section.quotes, options))
    return "".join(parts)


def paragraph_html(source_id: str, paragraph: Paragraph, options: RenderOptions = SCREEN) -> str:
    """One source paragraph: its number (and Q/A turn) beside its text, verbatim."""
    turn = paragraph.turn
    label = f'<span class="{S.TURN}">{turn}</span>' if turn else ""
    row_class = f"{S.PARA} {S.TURN_ROW.format(turn.lower())}" if turn else S.PARA
    number, turn_cell, text = (column_width(S.SOURCE, column, options) for column in range(3))
    return (
        f'<tr class="{row_class}"><td class="{S.PNUM}"{number}>{paragraph.number}</td>'
        f'<td class="{S.PTURN}"{turn_cell}>{label}</td>'
        f'<td class="{S.PTEXT}"{text}>{anchor(anchors.paragraph(source_id, paragraph.number))}'
        f"{esc(paragraph.text)}</td></tr>"
    )


#: The most paragraphs one Source page shows: a QTextBrowser laying out a million rows
#: takes minutes and gigabytes (and crashed natively), while search covers every paragraph.
SOURCE_PAGE_PARAGRAPHS = 5000


def shown_paragraphs_note(source: Source, limit: int = SOURCE_PAGE_PARAGRAPHS) -> str:
    """The line saying a long source is cut short on its page, or "" when it is whole."""
    total = len(source.text.paragraphs)
    if total <= limit:
        return ""
    return (
        f'<p class="{S.MUTED} {S.LEGEND}">Showing paragraphs 1\u2013{limit:,} of {total:,}; '
        "search finds the rest.</p>"
    )


def source_path_text(dossier: Dossier, source: Source) -> str:
    """Where a source's file is, relative to the dossier's folder when it can be."""
    return os.path.relpath(source.path, dossier.path.parent)


def paragraphs_table(
    source: Source, options: RenderOptions = SCREEN, limit: int | None = None
) -> str:
    """A source's paragraphs numbered (the first ``limit`` of them), Q and A turns marked."""
    paragraphs = source.text.paragraphs if limit is None else source.text.paragraphs[:limit]
    rows = "".join(paragraph_html(source.id, p, options) for p in paragraphs)
    return (
        f'<table class="{S.SOURCE}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{rows}</tbody></table>"
    )


def source_html(dossier: Dossier, source: Source) -> str:
    """A source: its file, its metadata, then its paragraphs numbered (up to a cap)."""
    return "".join(
        [
            banner_html(dossier),
            heading(source.title, 1, S.SOURCE_TITLE, anchors.source(source.id)),
            f'<p class="{S.META_LINE}">File: {esc(source_path_text(dossier, source))}</p>',
            source_meta_html(source, with_title=False),
            f'<p class="{S.MUTED} {S.LEGEND}">Paragraphs are numbered as the dossier cites '
            "them (¶). Q marks a question, A an answer.</p>",
            shown_paragraphs_note(source),
            paragraphs_table(source, limit=SOURCE_PAGE_PARAGRAPHS),
            shown_paragraphs_note(source),
        ]
    )
