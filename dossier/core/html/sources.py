"""A source as content: its details, and its paragraphs numbered as citations name them.

Shared by the Source tab and the printed source appendix, so a ¶ number means the
same paragraph on screen and on paper.
"""

from __future__ import annotations

from dossier.core import anchors
from dossier.core import styles as S
from dossier.core.html.pieces import (
    SCREEN,
    RenderOptions,
    anchor,
    column_width,
    esc,
    key_value_table,
)
from dossier.core.model import Source
from dossier.core.source import Paragraph


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
