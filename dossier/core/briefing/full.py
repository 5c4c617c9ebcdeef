"""The parts of the full briefing and the HTML of each.

Cover, bottom line, contents, the sections as the viewer shows them, timeline, who's
who, the analyst's notes when chosen, sources and, when chosen, the source appendix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.briefing.parts import (
    APPENDIX,
    BLUF,
    CONTENTS,
    COVER,
    NOTES,
    SECTION,
    SOURCES,
    TIMELINE,
    WHOS_WHO,
    Part,
    part_anchor,
)
from dossier.core.dates import PartialDate
from dossier.core.html.figures import figures_table
from dossier.core.html.items import entities_html
from dossier.core.html.pages import HEADLINE_FIGURES, section_html
from dossier.core.html.pieces import (
    PAPER,
    RenderOptions,
    anchor,
    column_width,
    esc,
    heading,
    key_value_table,
    summary_html,
)
from dossier.core.html.sources import SOURCE_PAGE_PARAGRAPHS, paragraphs_table, source_meta_html
from dossier.core.html.timeline import PLANNED_MARK, UPCOMING_MARK, event_mark, timeline_html
from dossier.core.model import Dossier, Entity, Figure, Section, Source

if TYPE_CHECKING:
    from dossier.core.briefing.analyst_notes import PrintedNotes


def full_parts(
    dossier: Dossier,
    sections: Sequence[Section],
    appendix: bool,
    produced: dt.date,
    render: RenderOptions,
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
        html = section_html(dossier, section, render)  # as on screen, but for paper
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
    from dossier.core.briefing.analyst_notes import notes_part  # the notes layer only when asked

    return notes_part(chosen)


def _marked(html: str, marks: dict[str, str]) -> str:
    if not marks:
        return html
    from dossier.core.briefing.analyst_notes import mark_items

    return mark_items(html, marks)


def _title(text: str) -> str:
    return heading(text, 1, S.TITLE)


def cover_html(dossier: Dossier, sections: Sequence[Section], produced: dt.date) -> str:
    """The top sheet: countries, title, subtitle, then the details a reader checks first."""
    parts = []
    if dossier.countries:
        countries = esc(" · ".join(dossier.countries))
        parts.append(f'<p class="{S.COVER_COUNTRIES}">{countries}</p>')
    parts.append(heading(dossier.title, 1, S.COVER_TITLE))
    parts.append(f'<p class="{S.COVER_KIND}">Briefing</p>')
    if dossier.subtitle:
        parts.append(f'<p class="{S.COVER_SUBTITLE}">{esc(dossier.subtitle)}</p>')
    rows = [
        ("As of", dossier.as_of.display()),
        ("Produced", f"{produced.day} {produced:%b %Y}"),
    ]
    if dossier.producer:
        rows.append(("Prepared by", dossier.producer))
    for source in dossier.sources:
        rows.append(("Source", source_line(source.title, source.publisher, source.date)))
    rows.append(("Sections", ", ".join(s.title for s in sections)))
    parts.append(key_value_table(S.COVER_META, rows, PAPER))
    return "".join(parts)


def source_line(title: str, publisher: str | None, date: str | None) -> str:
    """``Title. Publisher, 2021`` as a single line of text."""
    tail = ", ".join(x for x in (publisher, date) if x)
    return f"{title}. {tail}" if tail else title


def headline_figures(sections: Sequence[Section]) -> list[tuple[Figure, Section]]:
    """The figures shown at a glance: the first few of each section, as on screen."""
    return [(f, s) for s in sections for f in s.figures[:HEADLINE_FIGURES]]


def bluf_html(dossier: Dossier, sections: Sequence[Section], options: RenderOptions = PAPER) -> str:
    """Bottom line up front, then the key figures at a glance."""
    summary = summary_html(dossier.summary, f"{S.SUMMARY} {S.BLUF}")
    parts = [_title("Bottom line up front"), summary]
    figures = headline_figures(sections)
    if figures:
        parts.append(heading("Key figures at a glance"))
        parts.append(figures_table(figures, show_section=True, options=options))
    return "".join(parts)


def contents_html(
    entries: Sequence[tuple[str, int | None]], ids: Sequence[str] | None = None
) -> str:
    """The table of contents: each part's title and first page (None while unknown);
    with the parts' ``ids``, each title links to its part (:func:`part_anchor`)."""
    title, page = (column_width(S.CONTENTS, column, PAPER) for column in range(2))

    def linked(index: int, text: str) -> str:
        if ids is None:
            return esc(text)
        href = esc(part_anchor(ids[index]))
        return f'<a class="{S.TOC_TITLE}" href="{href}">{esc(text)}</a>'

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
    sections: Sequence[Section], options: RenderOptions = PAPER, as_of: PartialDate | None = None
) -> str:
    """Every event of the chosen sections, oldest first, upcoming and planned ones marked."""
    rows = [(e, s) for s in sections for e in s.events]
    marks = [event_mark(e, as_of) for e, _ in rows]
    counts = [
        f"{n} {'item' if n == 1 else 'items'} marked {mark} ({why})"
        for mark, why in (
            (UPCOMING_MARK, "after the as-of date"),
            (PLANNED_MARK, "planned, not past at the as-of date"),
        )
        if (n := marks.count(mark))
    ]
    note = f'<p class="{S.LEGEND}">{"; ".join(counts)}.</p>' if counts else ""
    timeline = timeline_html(rows, show_section=True, options=options, as_of=as_of)
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


def whos_who_html(sections: Sequence[Section], options: RenderOptions = PAPER) -> str:
    """People with their roles, then organisations with what they are.

    Places, programmes, agreements and vessels stay in their sections: a who's who
    names the actors a reader may meet, and the briefing stays short enough to carry.
    """
    actors = [e for e in merged_entities(sections) if e.kind in WHOS_WHO_KINDS]
    return f"{_title('Who’s who')}{entities_html(actors, options)}"


def sources_html(dossier: Dossier, appendix: bool) -> str:
    """Each source with its details, and how citations point into it."""
    parts = [_title("Sources" if len(dossier.sources) > 1 else "Source")]
    for source in dossier.sources:
        if len(dossier.sources) > 1:
            parts.append(heading(source.title))
        parts.append(source_meta_html(source, options=PAPER))
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
APPENDIX_PARAGRAPHS = SOURCE_PAGE_PARAGRAPHS


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
        f"{anchor(anchors.source(source.id))}{_title(f'Appendix {letter}: Source text')}"
        f'<p class="{S.APPENDIX_SOURCE}">{esc(about)}</p>'
        f"{appendix_cut_note(source)}"
        f"{paragraphs_table(source, PAPER, APPENDIX_PARAGRAPHS)}"
        f"{appendix_cut_note(source)}"
    )
