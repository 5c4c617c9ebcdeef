"""The printed briefing's structure: which parts, in what order, with which content.

Qt-free. ``plan_briefing`` turns a dossier and the reader's choices into a list of
``Part``s (cover, bottom line, contents, one part per selected section, timeline,
who's who, the analyst's notes when asked for, sources, optional source appendix),
each with its title for the table of contents and the PDF outline and its HTML, built
from the same pieces (:mod:`dossier.core.html`) the viewer shows, so that what is
printed matches the screen. The export layer lays the parts out on pages and adds the
page furniture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dossier.core import anchors
from dossier.core import html as h
from dossier.core import styles as S
from dossier.core.dates import PartialDate
from dossier.core.html import PAPER
from dossier.core.marked_points import legend
from dossier.core.markings import banner_level, portion_marks, rank
from dossier.core.model import Dossier, Entity, Figure, Point, Section, Source

if TYPE_CHECKING:
    from dossier.core.briefing_notes import PrintedNotes

PAGE_SIZES = ("A4", "Letter")
MAX_CLASSIFICATION = 80
MAX_HANDLING = 120
# Templates: the whole briefing; a read-ahead of at most two pages; talking points on one.
FULL = "full"
BRIEF = "brief"
POINTS_TEMPLATE = "points"
TEMPLATES = (FULL, BRIEF, POINTS_TEMPLATE)
TEMPLATE_NAMES = {FULL: "Full briefing", BRIEF: "Read-ahead", POINTS_TEMPLATE: "Talking points"}
MAX_PAGES = {BRIEF: 2, POINTS_TEMPLATE: 1}

# Part kinds, in the order they appear.
COVER = "cover"
BLUF = "bluf"
CONTENTS = "contents"
SECTION = "section"
TIMELINE = "timeline"
WHOS_WHO = "whos-who"
SOURCES = "sources"
APPENDIX = "appendix"
READ_AHEAD = "read-ahead"  # the whole brief template, one part
TALKING_POINTS = "talking-points"  # the whole points template, one part
NOTES = "notes"  # the analyst's notes, before the sources


class BriefingError(ValueError):
    """The reader's choices for a briefing cannot be used; the message is one line."""


@dataclass(frozen=True)
class BriefingOptions:
    """What the reader chose: sections (ids, in order; None = all), paper, banner, appendix,
    the template, the talking points, portion marks, a handling caveat, a draft mark."""

    sections: tuple[str, ...] | None = None
    page_size: str = "A4"
    classification: str | None = None
    appendix: bool = False
    produced: dt.date | None = None  # the date printed as "produced"; None = today
    template: str = FULL
    points: tuple[str, ...] | None = None  # talking points chosen by anchor (``--points``)
    marked: tuple[str, ...] = ()  # item anchors the analyst marked (the notes layer)
    marked_how: str = ""  # how they were marked, for the legend (dossier.core.marked_points)
    portion_marks: bool = False
    handling: str | None = None  # the handling caveat; None = the dossier's own
    draft: bool = False
    notes: PrintedNotes | None = None  # the analyst's notes to print (None: none)


@dataclass(frozen=True)
class Part:
    """A run of pages that starts on a new page: its title (contents, outline) and HTML."""

    id: str
    kind: str
    title: str
    html: str
    in_contents: bool = True
    running: str = ""  # the part's name in the running head; the title when empty

    @property
    def running_title(self) -> str:
        """What the running head calls this part."""
        return self.running or self.title


@dataclass(frozen=True)
class Briefing:
    """The planned document: its parts, page furniture texts and PDF metadata."""

    dossier: Dossier
    options: BriefingOptions
    sections: tuple[Section, ...]
    parts: tuple[Part, ...]
    banner: str  # the classification, in capitals
    running_title: str
    as_of_text: str  # "As of Feb 2021"
    produced: dt.date
    metadata: dict[str, str] = field(default_factory=dict)
    links: bool = False  # the citation markers link to their paragraph in the appendix
    contents_links: bool = False  # the contents entries link to their parts (a PDF's)
    handling: str | None = None  # printed under the banner on every page
    draft: bool = False  # a DRAFT watermark on every page
    max_pages: int | None = None  # the template's limit (brief 2, points 1)
    talking_points: tuple[tuple[Point, Section], ...] = ()
    points_chosen: bool = False  # False: the first point of each section stood in


def parse_sections(spec: str | None) -> tuple[str, ...] | None:
    """``"energy, politics"`` -> ``("energy", "politics")``; None or blank -> None (all).

    Raises BriefingError when the text names no section at all (``","``).
    """
    if spec is None:
        return None
    ids = [part.strip() for part in spec.split(",")]
    ids = [i for i in ids if i]
    if not ids:
        raise BriefingError("--sections names no section; give ids like politics,energy")
    return tuple(dict.fromkeys(ids))  # duplicates dropped, order kept


def select_sections(dossier: Dossier, ids: Sequence[str] | None) -> tuple[Section, ...]:
    """The sections to print, in the order asked; BriefingError names unknown ids."""
    if ids is None:
        return dossier.sections
    known = {s.id: s for s in dossier.sections}
    unknown = [i for i in ids if i not in known]
    if unknown:
        plural = "sections" if len(unknown) > 1 else "section"
        raise BriefingError(
            f"unknown {plural} {', '.join(repr(u) for u in unknown)}; valid: {', '.join(known)}"
        )
    if not ids:
        raise BriefingError("no section chosen; a briefing needs at least one")
    return tuple(known[i] for i in dict.fromkeys(ids))


def check_classification(text: str | None) -> str | None:
    """The override as given (trimmed), or None; BriefingError when empty or too long."""
    if text is None:
        return None
    clean = " ".join(text.split())
    if not clean:
        raise BriefingError("the classification text is empty")
    if len(clean) > MAX_CLASSIFICATION:
        raise BriefingError(
            f"the classification text is {len(clean)} characters; at most "
            f"{MAX_CLASSIFICATION} fit on the banner"
        )
    return clean


def check_page_size(name: str) -> str:
    """``"a4"`` -> ``"A4"``; BriefingError for anything but A4 or Letter."""
    for size in PAGE_SIZES:
        if name.strip().lower() == size.lower():
            return size
    raise BriefingError(f"unknown page size {name!r}; use A4 or Letter")


def check_template(name: str) -> str:
    """``"Brief"`` -> ``"brief"``; BriefingError for an unknown template."""
    clean = name.strip().lower()
    if clean not in TEMPLATES:
        raise BriefingError(f"unknown template {name!r}; use {', '.join(TEMPLATES)}")
    return clean


def parse_points(spec: str | None) -> tuple[str, ...] | None:
    """``"politics/point/1, energy/point/2"`` -> the anchors; None or blank -> None."""
    if spec is None:
        return None
    ids = tuple(dict.fromkeys(p.strip() for p in spec.split(",") if p.strip()))
    if not ids:
        raise BriefingError("--points names no point; give anchors like politics/point/3")
    return ids


def check_handling(text: str | None) -> str | None:
    """The handling caveat as given (trimmed), or None; BriefingError when too long."""
    if text is None:
        return None
    clean = " ".join(text.split())
    if len(clean) > MAX_HANDLING:
        raise BriefingError(
            f"the handling caveat is {len(clean)} characters; at most {MAX_HANDLING} fit"
        )
    return clean or None


def talking_points(
    dossier: Dossier, sections: Sequence[Section], options: BriefingOptions
) -> tuple[tuple[tuple[Point, Section], ...], bool]:
    """The talking points and whether they were chosen (by ``--points`` or marked in the
    notes); with none chosen, the first point of each section. BriefingError names an
    anchor that is not a point of the printed sections."""
    by_anchor = {p.anchor: (p, s) for s in sections for p in s.points}
    chosen = options.points if options.points is not None else options.marked
    if options.points is not None:
        unknown = [a for a in options.points if a not in by_anchor]
        if unknown:
            example = next(iter(by_anchor), "politics/point/1")
            raise BriefingError(
                f"no point {', '.join(repr(u) for u in unknown)} in the printed sections; "
                f"points are named like {example}"
            )
    picked = tuple(by_anchor[a] for a in chosen if a in by_anchor)
    if picked:
        return picked, True
    return tuple((s.points[0], s) for s in sections if s.points), False


def check_banner(dossier: Dossier, sections: Sequence[Section], override: str | None) -> str:
    """The banner: the override, or the dossier's classification when nothing printed is
    marked higher. BriefingError when the banner would be lower than a printed marking."""
    needed = banner_level(dossier, sections)
    own = override or dossier.classification
    too_low = rank(dossier.markings, needed) > rank(dossier.markings, own)
    # A free-text override outside the declared list is the reader's explicit choice.
    if too_low and (override is None or rank(dossier.markings, override) >= 0):
        given = "the dossier's classification" if override is None else "--classification"
        raise BriefingError(
            f"printed items are marked {needed}, above {given} {own}; "
            f"give --classification {needed} (or higher)"
        )
    return own


def plan_briefing(dossier: Dossier, options: BriefingOptions, *, links: bool = False) -> Briefing:
    """The parts of the briefing for these choices (raises BriefingError on bad choices).

    With ``links`` (and the source appendix chosen) the citation markers keep their
    ``cite:`` links, for a PDF to point at the appendix, and the contents entries link
    to their parts; otherwise they are plain text, as paper, printing and print
    preview need.
    """
    sections = select_sections(dossier, options.sections)
    template = check_template(options.template)
    override = check_classification(options.classification)
    classification = check_banner(dossier, sections, override)
    page_size = check_page_size(options.page_size)
    handling = check_handling(options.handling) or dossier.handling
    options = replace(
        options, page_size=page_size, classification=classification, template=template
    )
    produced = options.produced or dt.date.today()
    contents_links = links
    links = links and options.appendix and template == FULL
    marks = portion_marks(dossier, sections) if options.portion_marks else {}
    render = replace(PAPER, links=links, marks=marks)
    points, chosen = talking_points(dossier, sections, options)
    named = options.points is not None
    origin = legend(len(points), named=named, chosen=chosen, how=options.marked_how)
    if template == BRIEF:
        parts = [brief_part(dossier, sections, (points, origin), produced, render)]
    elif template == POINTS_TEMPLATE:
        parts = [points_part(dossier, points, origin, render)]
    else:
        parts = full_parts(
            dossier, sections, options.appendix, produced, render, notes=options.notes
        )
    return Briefing(
        dossier=dossier,
        options=options,
        sections=sections,
        parts=tuple(parts),
        banner=classification.upper(),
        running_title=dossier.title,
        as_of_text=f"As of {dossier.as_of.display()}",
        produced=produced,
        metadata=_metadata(dossier, sections, classification, template),
        links=links,
        contents_links=contents_links,
        handling=handling,
        draft=options.draft,
        max_pages=MAX_PAGES.get(template),
        talking_points=points,
        points_chosen=chosen,
    )


def full_parts(
    dossier: Dossier,
    sections: Sequence[Section],
    appendix: bool,
    produced: dt.date,
    render: h.RenderOptions,
    *,
    notes: PrintedNotes | None = None,
) -> list[Part]:
    """The full briefing: cover, bottom line, contents, the sections, timeline, who's who,
    the analyst's notes when chosen, sources and, when chosen, the source appendix."""
    parts: list[Part] = [
        Part("cover", COVER, "Cover", cover_html(dossier, sections, produced), False),
        Part("bluf", BLUF, "Bottom line up front", bluf_html(dossier, sections, render)),
        Part("contents", CONTENTS, "Contents", "", False),
    ]
    marks, notes_html = _notes(notes)
    for section in sections:
        html = h.section_html(dossier, section, render)  # as on screen, but for paper
        html = _marked(html, marks)
        parts.append(Part(anchors.section(section.id), SECTION, section.title, html))
    if any(s.events for s in sections):
        html = timeline_part_html(sections, render, dossier.as_of)
        parts.append(Part("timeline", TIMELINE, "Timeline", html))
    if any(s.entities for s in sections):
        parts.append(Part("whos-who", WHOS_WHO, "Who’s who", whos_who_html(sections, render)))
    if notes is not None:
        parts.append(Part("analyst-notes", NOTES, "Analyst notes", notes_html))
    parts.append(Part("sources", SOURCES, "Sources", sources_html(dossier, appendix)))
    if appendix:
        for index, source in enumerate(dossier.sources):
            letter = chr(ord("A") + index) if index < 26 else str(index + 1)
            title = f"Appendix {letter}: {source.title}"
            parts.append(
                Part(
                    f"appendix/{source.id}",
                    APPENDIX,
                    title,
                    appendix_html(dossier, index),
                    running=f"Appendix {letter}: Source text",
                )
            )
    return parts


def _notes(chosen: PrintedNotes | None) -> tuple[dict[str, str], str]:
    """The marks beside annotated items and the notes part's HTML (none without notes)."""
    if chosen is None:
        return {}, ""
    from dossier.core.briefing_notes import notes_part  # the notes layer only when asked

    return notes_part(chosen)


def _marked(html: str, marks: dict[str, str]) -> str:
    if not marks:
        return html
    from dossier.core.briefing_notes import mark_items

    return mark_items(html, marks)


def _metadata(
    dossier: Dossier, sections: Sequence[Section], classification: str, template: str = FULL
) -> dict[str, str]:
    """The PDF's document information."""
    keywords = [*dossier.countries, *(s.title for s in sections), "briefing"]
    kind = "briefing" if template == FULL else TEMPLATE_NAMES[template].lower()
    return {
        "title": f"{dossier.title}: {kind}",
        "author": dossier.producer or "briefing-dossier",
        "subject": dossier.subtitle or f"Briefing on {dossier.title}",
        "keywords": ", ".join(dict.fromkeys(keywords)),
        "classification": classification.upper(),
    }


# -- the HTML of each part ----------------------------------------------------------------
def _title(text: str) -> str:
    return h.heading(text, 1, S.TITLE)


def cover_html(dossier: Dossier, sections: Sequence[Section], produced: dt.date) -> str:
    """The top sheet: countries, title, subtitle, then the details a reader checks first."""
    parts = []
    if dossier.countries:
        countries = h.esc(" · ".join(dossier.countries))
        parts.append(f'<p class="{S.COVER_COUNTRIES}">{countries}</p>')
    parts.append(h.heading(dossier.title, 1, S.COVER_TITLE))
    parts.append(f'<p class="{S.COVER_KIND}">Briefing</p>')
    if dossier.subtitle:
        parts.append(f'<p class="{S.COVER_SUBTITLE}">{h.esc(dossier.subtitle)}</p>')
    rows = [
        ("As of", dossier.as_of.display()),
        ("Produced", f"{produced.day} {produced:%b %Y}"),
    ]
    if dossier.producer:
        rows.append(("Prepared by", dossier.producer))
    for source in dossier.sources:
        rows.append(("Source", source_line(source.title, source.publisher, source.date)))
    rows.append(("Sections", ", ".join(s.title for s in sections)))
    parts.append(h.key_value_table(S.COVER_META, rows, PAPER))
    return "".join(parts)


def source_line(title: str, publisher: str | None, date: str | None) -> str:
    """``Title. Publisher, 2021`` as a single line of text."""
    tail = ", ".join(x for x in (publisher, date) if x)
    return f"{title}. {tail}" if tail else title


def headline_figures(sections: Sequence[Section]) -> list[tuple[Figure, Section]]:
    """The figures shown at a glance: the first few of each section, as on screen."""
    return [(f, s) for s in sections for f in s.figures[: h.HEADLINE_FIGURES]]


def bluf_html(
    dossier: Dossier, sections: Sequence[Section], options: h.RenderOptions = PAPER
) -> str:
    """Bottom line up front, then the key figures at a glance."""
    summary = h.summary_html(dossier.summary, f"{S.SUMMARY} {S.BLUF}")
    parts = [_title("Bottom line up front"), summary]
    figures = headline_figures(sections)
    if figures:
        parts.append(h.heading("Key figures at a glance"))
        parts.append(h.figures_table(figures, show_section=True, options=options))
    return "".join(parts)


PART_PREFIX = "part:"  # a part's anchor, and a contents entry's link to it


def part_anchor(part_id: str) -> str:
    """The anchor at the start of a part, and the link a contents entry points with."""
    return f"{PART_PREFIX}{part_id}"


def contents_html(
    entries: Sequence[tuple[str, int | None]], ids: Sequence[str] | None = None
) -> str:
    """The table of contents: each part's title and first page (None while unknown);
    with the parts' ``ids``, each title links to its part (:func:`part_anchor`)."""
    title, page = (h.column_width(S.CONTENTS, column, PAPER) for column in range(2))

    def linked(index: int, text: str) -> str:
        if ids is None:
            return h.esc(text)
        href = h.esc(part_anchor(ids[index]))
        return f'<a class="{S.TOC_TITLE}" href="{href}">{h.esc(text)}</a>'

    rows = "".join(
        f'<tr><td class="{S.TOC_TITLE}"{title}>{linked(i, text)}</td>'
        f'<td class="{S.TOC_PAGE}"{page}>{"" if number is None else number}</td></tr>'
        for i, (text, number) in enumerate(entries)
    )
    return (
        f"{_title('Contents')}"
        f'<table class="{S.CONTENTS}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{rows}</tbody></table>"
    )


def timeline_part_html(
    sections: Sequence[Section], options: h.RenderOptions = PAPER, as_of: PartialDate | None = None
) -> str:
    """Every event of the chosen sections, oldest first, upcoming and planned ones marked."""
    rows = [(e, s) for s in sections for e in s.events]
    marks = [h.event_mark(e, as_of) for e, _ in rows]
    counts = [
        f"{n} {'item' if n == 1 else 'items'} marked {mark} ({why})"
        for mark, why in (
            (h.UPCOMING_MARK, "after the as-of date"),
            (h.PLANNED_MARK, "planned, not past at the as-of date"),
        )
        if (n := marks.count(mark))
    ]
    note = f'<p class="{S.LEGEND}">{"; ".join(counts)}.</p>' if counts else ""
    timeline = h.timeline_html(rows, show_section=True, options=options, as_of=as_of)
    return f"{_title('Timeline')}{note}{timeline}"


def merged_entities(sections: Sequence[Section]) -> list[Entity]:
    """Entities of the chosen sections, each name once, citations of every mention kept."""
    merged: dict[tuple[str, str], Entity] = {}
    for section in sections:
        for entity in section.entities:
            key = (entity.name.casefold(), entity.kind)
            first = merged.get(key)
            if first is None:
                merged[key] = entity
                continue
            seen = {(c.source_id, c.paragraph) for c in first.cites}
            extra = tuple(c for c in entity.cites if (c.source_id, c.paragraph) not in seen)
            aliases = tuple(dict.fromkeys((*first.aliases, *entity.aliases)))
            merged[key] = replace(
                first, role=first.role or entity.role, aliases=aliases, cites=first.cites + extra
            )
    return sorted(merged.values(), key=lambda e: e.name.casefold())


WHOS_WHO_KINDS = ("person", "organization")


def whos_who_html(sections: Sequence[Section], options: h.RenderOptions = PAPER) -> str:
    """People with their roles, then organisations with what they are.

    Places, programmes, agreements and vessels stay in their sections: a who's who
    names the actors a reader may meet, and the briefing stays short enough to carry.
    """
    actors = [e for e in merged_entities(sections) if e.kind in WHOS_WHO_KINDS]
    return f"{_title('Who’s who')}{h.entities_html(actors, options)}"


def sources_html(dossier: Dossier, appendix: bool) -> str:
    """Each source with its details, and how citations point into it."""
    parts = [_title("Sources" if len(dossier.sources) > 1 else "Source")]
    for source in dossier.sources:
        if len(dossier.sources) > 1:
            parts.append(h.heading(source.title))
        parts.append(h.source_meta_html(source, options=PAPER))
    where = (
        "and in the appendix, which reproduces the text"
        if appendix
        else "(add the source appendix to print the text)"
    )
    parts.append(
        f'<p class="{S.LEGEND}">A reference such as ¶\u00a026 after a statement points to '
        "paragraph 26 of the source, numbered as in the viewer’s Source tab "
        f"{where}.</p>"
    )
    return "".join(parts)


#: The most paragraphs one source appendix prints (the Source tab's cap): a million
#: paragraphs took gigabytes and crashed the layout natively.
APPENDIX_PARAGRAPHS = h.SOURCE_PAGE_PARAGRAPHS


def appendix_cut_note(source: Source) -> str:
    """The line saying a source appendix stops short, or "" when it prints whole."""
    total = len(source.text.paragraphs)
    if total <= APPENDIX_PARAGRAPHS:
        return ""
    return (
        f'<p class="{S.LEGEND}">Printed: paragraphs 1\u2013{APPENDIX_PARAGRAPHS:,} of '
        f"{total:,}; the rest is in the source file and the viewer's search.</p>"
    )


def appendix_html(dossier: Dossier, index: int) -> str:
    """A source's text, each paragraph numbered exactly as the Source tab numbers it (up to
    :data:`APPENDIX_PARAGRAPHS`, with a line saying so)."""
    source = dossier.sources[index]
    letter = chr(ord("A") + index) if index < 26 else str(index + 1)
    about = source_line(source.title, source.publisher, source.date)
    return (
        f"{h.anchor(anchors.source(source.id))}{_title(f'Appendix {letter}: Source text')}"
        f'<p class="{S.APPENDIX_SOURCE}">{h.esc(about)}</p>'
        f"{appendix_cut_note(source)}"
        f"{h.paragraphs_table(source, PAPER, APPENDIX_PARAGRAPHS)}"
        f"{appendix_cut_note(source)}"
    )


# -- the short templates -----------------------------------------------------------------
def first_sentence(text: str) -> str:
    """A point's first sentence ("... in 2020. Trade ..." -> "... in 2020."), for a
    talking point a principal can say; the whole text when it is one sentence."""
    for index, char in enumerate(text):
        after = text[index + 1 : index + 3]
        if char in ".!?" and after[:1] == " " and after[1:2].isupper() and index > 30:
            return text[: index + 1]
    return text


def talking_points_html(
    points: Sequence[tuple[Point, Section]], origin: str, options: h.RenderOptions
) -> str:
    """Where the talking points came from (``origin``), then the points, each a short
    sentence with its ¶ reference and section."""
    items = "".join(
        f'<li class="{S.POINT}">{h.anchor(p.anchor)}{h.portion_mark(p.anchor, options)}'
        f"{h.esc(first_sentence(p.text))}{h.cite_links(p.cites, options)}"
        f'<span class="{S.MUTED}"> · {h.esc(s.title)}</span></li>'
        for p, s in points
    )
    note = f'<p class="{S.LEGEND}">{h.esc(origin)}</p>' if origin else ""
    return f'{note}<ul class="{S.POINTS}">{items}</ul>'


def _short_meta(dossier: Dossier, produced: dt.date | None = None) -> str:
    parts = [f"As of {dossier.as_of.display()}"]
    if produced is not None:
        parts.append(f"produced {produced.day} {produced:%b %Y}")
    if dossier.producer:
        parts.append(dossier.producer)
    return f'<p class="{S.META_LINE}">{h.esc(" · ".join(parts))}</p>'


def brief_part(
    dossier: Dossier,
    sections: Sequence[Section],
    talking: tuple[Sequence[tuple[Point, Section]], str],
    produced: dt.date,
    options: h.RenderOptions,
) -> Part:
    """The read-ahead: title, as-of date, bottom line, key figures with their periods,
    upcoming events, talking points, the people with their roles, and the source line."""
    html = [
        h.heading(dossier.title, 1, S.TITLE),
        _short_meta(dossier, produced),
        h.heading("Bottom line"),
        h.summary_html(dossier.summary, f"{S.SUMMARY} {S.BLUF}"),
    ]
    figures = [(f, s) for s in sections for f in s.figures[:1]]
    if figures:
        html.append(h.heading("Key figures at a glance"))
        html.append(h.figures_table(figures, options=options))
    upcoming = [(e, s) for s in sections for e in s.events if e.upcoming]
    if upcoming:
        html.append(h.heading("Upcoming and planned"))
        html.append(h.timeline_html(upcoming, show_section=True, options=options))
    html.append(h.heading("Talking points"))
    html.append(talking_points_html(*talking, options))
    people = [e for e in merged_entities(sections) if e.kind == "person"]
    if people:
        html.append(h.heading("People"))
        html.append(people_html(people))
    lines = [source_line(x.title, x.publisher, x.date) for x in dossier.sources]
    label = "Sources" if len(lines) > 1 else "Source"
    html.append(
        f'<p class="{S.LEGEND}">{label}: {h.esc("; ".join(lines))}. ¶ numbers '
        "refer to the source's paragraphs as the viewer numbers them.</p>"
    )
    return Part(READ_AHEAD, READ_AHEAD, TEMPLATE_NAMES[BRIEF], "".join(html), False)


def people_html(people: Sequence[Entity]) -> str:
    """Names in bold with their roles, in two columns read down, to keep the brief short."""
    half = (len(people) + 1) // 2
    columns = [people[:half], people[half:]]

    def cell(entity: Entity | None) -> str:
        if entity is None:
            return '<td width="50%"></td>'
        role = f" — {h.esc(entity.role)}" if entity.role else ""
        return (
            f'<td class="{S.VAL}" width="50%">{h.anchor(entity.anchor)}'
            f'<span class="{S.NAME}">{h.esc(entity.name)}</span>{role}</td>'
        )

    rows = "".join(
        f"<tr>{cell(columns[0][i])}{cell(columns[1][i] if i < len(columns[1]) else None)}</tr>"
        for i in range(half)
    )
    return (
        f'<table class="{S.PEOPLE}" width="100%" cellspacing="0" cellpadding="0" border="0">'
        f"<tbody>{rows}</tbody></table>"
    )


def points_part(
    dossier: Dossier,
    points: Sequence[tuple[Point, Section]],
    origin: str,
    options: h.RenderOptions,
) -> Part:
    """Talking points on one page, under where they came from (``origin``)."""
    about = h.esc(f"{dossier.title} · As of {dossier.as_of.display()}")
    html = (
        f'{h.heading("Talking points", 1, S.TITLE)}<p class="{S.META_LINE}">{about}</p>'
        f"{talking_points_html(points, origin, options)}"
    )
    return Part(TALKING_POINTS, TALKING_POINTS, TEMPLATE_NAMES[POINTS_TEMPLATE], html, False)
