"""A section's lists of items: key points, entities grouped by kind, and quotes."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import styles as S
from dossier.core.html.links import cite_links, portion_mark
from dossier.core.html.pieces import SCREEN, RenderOptions, anchor, esc, heading
from dossier.core.model import Entity, Point, Quote

# How entity kinds are grouped on a page, in this order.
ENTITY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("person",)),
    ("Organisations", ("organization",)),
    ("Places and infrastructure", ("place", "infrastructure")),
    ("Programmes, agreements and vessels", ("program", "agreement", "vessel")),
)


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
