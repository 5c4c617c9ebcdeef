"""The viewer's pages: the overview, a section (also printed in the briefing), a source."""

from __future__ import annotations

import os

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.html.figures import figures_table
from dossier.core.html.items import entities_html, points_html, quotes_html
from dossier.core.html.links import place_link, portion_mark
from dossier.core.html.pieces import SCREEN, RenderOptions, banner_html, esc, heading, summary_html
from dossier.core.html.sources import (
    SOURCE_PAGE_PARAGRAPHS,
    paragraphs_table,
    shown_paragraphs_note,
    source_meta_html,
)
from dossier.core.html.timeline import timeline_html
from dossier.core.model import Dossier, Section, Source

# How many figures of each section the overview shows.
HEADLINE_FIGURES = 2


def _meta_line(dossier: Dossier) -> str:
    parts = [f"As of {esc(dossier.as_of.display())}"]
    if dossier.countries:
        parts.append(esc(" · ".join(dossier.countries)))
    if dossier.producer:
        parts.append(esc(dossier.producer))
    return f'<p class="{S.META_LINE}">' + "\u2003|\u2003".join(parts) + "</p>"


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


def source_path_text(dossier: Dossier, source: Source) -> str:
    """Where a source's file is, relative to the folder its path is read from: the
    dossier's, or the folder of the file a linked dossier stands for."""
    return os.path.relpath(source.path, os.path.dirname(os.path.realpath(dossier.path)))


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
