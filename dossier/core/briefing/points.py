"""Talking points: which points a short briefing says, and in what words.

The analyst chooses them (``--points`` or points marked in the notes); with none
chosen, each section's first point stands in, and the briefing says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import styles as S
from dossier.core.briefing.choices import BriefingError, BriefingOptions
from dossier.core.html.links import cite_links, portion_mark
from dossier.core.html.pieces import RenderOptions, anchor, esc
from dossier.core.model import Dossier, Point, Section


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


def first_sentence(text: str) -> str:
    """A point's first sentence ("... in 2020. Trade ..." -> "... in 2020."), for a
    talking point a principal can say; the whole text when it is one sentence."""
    for index, char in enumerate(text):
        after = text[index + 1 : index + 3]
        if char in ".!?" and after[:1] == " " and after[1:2].isupper() and index > 30:
            return text[: index + 1]
    return text


def talking_points_html(
    points: Sequence[tuple[Point, Section]], origin: str, options: RenderOptions
) -> str:
    """Where the talking points came from (``origin``), then the points, each a short
    sentence with its ¶ reference and section."""
    items = "".join(
        f'<li class="{S.POINT}">{anchor(p.anchor)}{portion_mark(p.anchor, options)}'
        f"{esc(first_sentence(p.text))}{cite_links(p.cites, options)}"
        f'<span class="{S.MUTED}"> · {esc(s.title)}</span></li>'
        for p, s in points
    )
    note = f'<p class="{S.LEGEND}">{esc(origin)}</p>' if origin else ""
    return f'{note}<ul class="{S.POINTS}">{items}</ul>'
