"""The short templates: a read-ahead of at most two pages, and talking points on one.

Each is one part, built from the same pieces as the full briefing but cut to what a
principal reads on the way into a meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dossier.core import styles as S
from dossier.core.briefing.choices import BRIEF, POINTS_TEMPLATE, TEMPLATE_NAMES
from dossier.core.briefing.full import merged_entities, source_line
from dossier.core.briefing.parts import READ_AHEAD, TALKING_POINTS, Part
from dossier.core.briefing.points import talking_points_html
from dossier.core.html.figures import figures_table
from dossier.core.html.pieces import RenderOptions, anchor, esc, heading, summary_html
from dossier.core.html.timeline import event_mark, timeline_html
from dossier.core.model import Dossier, Entity, Point, Section


def _short_meta(dossier: Dossier, produced: dt.date | None = None) -> str:
    parts = [f"As of {dossier.as_of.display()}"]
    if produced is not None:
        parts.append(f"produced {produced.day} {produced:%b %Y}")
    if dossier.producer:
        parts.append(dossier.producer)
    return f'<p class="{S.META_LINE}">{esc(" · ".join(parts))}</p>'


def brief_part(
    dossier: Dossier,
    sections: Sequence[Section],
    talking: tuple[Sequence[tuple[Point, Section]], str],
    produced: dt.date,
    options: RenderOptions,
    *,
    planned: bool = True,
) -> Part:
    """The read-ahead: title, as-of date, bottom line, key figures with their periods,
    upcoming events (with ``planned``, also those the as-of year still plans; without,
    a line says how many are left to the full briefing), talking points, the people
    with their roles, and the source line."""
    html = [
        heading(dossier.title, 1, S.TITLE),
        _short_meta(dossier, produced),
        heading("Bottom line"),
        summary_html(dossier.summary, f"{S.SUMMARY} {S.BLUF}"),
    ]
    figures = [(f, s) for s in sections for f in s.figures[:1]]
    if figures:
        html.append(heading("Key figures at a glance"))
        html.append(figures_table(figures, options=options))
    # after the as-of date, or planned and not yet past at it ("2021", as of Feb 2021):
    # what the full briefing's timeline marks UPCOMING or PLANNED
    ahead = [(e, s) for s in sections for e in s.events if event_mark(e, dossier.as_of)]
    shown = ahead if planned else [(e, s) for e, s in ahead if e.upcoming]
    if shown:
        html.append(heading("Upcoming and planned"))
        html.append(timeline_html(shown, show_section=True, options=options, as_of=dossier.as_of))
    if len(shown) < len(ahead):
        left = len(ahead) - len(shown)
        html.append(
            f'<p class="{S.LEGEND}">{left} planned event{"" if left == 1 else "s"} of '
            f"{dossier.as_of.year} left out for room: the full briefing's timeline has "
            f"{'it' if left == 1 else 'them'}.</p>"
        )
    html.append(heading("Talking points"))
    html.append(talking_points_html(*talking, options))
    people = [e for e in merged_entities(sections) if e.kind == "person"]
    if people:
        html.append(heading("People"))
        html.append(people_html(people))
    lines = [source_line(x.title, x.publisher, x.date) for x in dossier.sources]
    label = "Sources" if len(lines) > 1 else "Source"
    html.append(
        f'<p class="{S.LEGEND}">{label}: {esc("; ".join(lines))}. ¶ numbers '
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
        role = f" — {esc(entity.role)}" if entity.role else ""
        return (
            f'<td class="{S.VAL}" width="50%">{anchor(entity.anchor)}'
            f'<span class="{S.NAME}">{esc(entity.name)}</span>{role}</td>'
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
    options: RenderOptions,
) -> Part:
    """Talking points on one page."""
    about = esc(f"{dossier.title} · As of {dossier.as_of.display()}")
    html = (
        f'{heading("Talking points", 1, S.TITLE)}<p class="{S.META_LINE}">{about}</p>'
        f"{talking_points_html(points, origin, options)}"
    )
    return Part(TALKING_POINTS, TALKING_POINTS, TEMPLATE_NAMES[POINTS_TEMPLATE], html, False)
