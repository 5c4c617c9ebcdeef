"""Timelines: events in date order, upcoming and planned ones marked, with a rule
where the events not yet past at the dossier's as-of date begin.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core import styles as S
from dossier.core.dates import PartialDate
from dossier.core.html.links import cite_links, portion_mark
from dossier.core.html.pieces import SCREEN, RenderOptions, anchor, column_width, esc
from dossier.core.model import Event, Section

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
        # beside the date, not before the title: Qt paints a span's background over its
        # whole line box, so a badge in wrapped text touched the next line's letters
        badge = f' <span class="{S.UPCOMING}">\u00a0{mark}\u00a0</span>' if mark else ""
        where = (
            f' <span class="{S.MUTED}">· {esc(section.title)}</span>'
            if show_section and section
            else ""
        )
        row_class = f"{S.EVENT} {S.UPCOMING_ROW}" if event.upcoming else S.EVENT
        body.append(
            f'<tr class="{row_class}">'
            f'<td class="{S.DATE}"{width[0]}>{anchor(event.anchor)}{esc(event.date.display())}'
            f"{badge}</td>"
            f'<td class="{S.WHAT}"{width[1]}>{portion_mark(event.anchor, options)}'
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
