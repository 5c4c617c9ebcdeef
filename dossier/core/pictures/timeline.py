"""Timeline rows: each event on a time axis, one lane per section, partial dates as spans.

A year-only date covers its whole year and a month-only date its month, so ``2021``
is drawn from 1 January 2021 to 1 January 2022 (ends are exclusive).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dossier.core.dates import PartialDate
from dossier.core.html.timeline import PLANNED_MARK, event_mark
from dossier.core.model import Dossier, Event

# "planned": under way or ahead at as-of, and the dossier calls it planned ("Planned: ...")
Status = Literal["past", "current", "planned", "upcoming"]


@dataclass(frozen=True)
class Lane:
    """A section that has events; ``colour`` is its place among the dossier's sections
    with events, so a section keeps its colour in a timeline of its own."""

    section_id: str
    title: str
    colour: int = 0


@dataclass(frozen=True)
class TimelineRow:
    """One event: where its lane is, what it covers, and how it stands against as-of."""

    anchor: str
    lane: int  # index into Timeline.lanes
    title: str
    date: PartialDate
    start: dt.date
    end: dt.date  # exclusive
    status: Status
    markers: str  # "¶ 12, ¶ 14": where the source says it

    @property
    def label(self) -> str:
        return f"{self.date.display()} — {self.title}"

    @property
    def ahead(self) -> bool:
        """Not yet happened at as-of (upcoming or planned): drawn apart from the past."""
        return self.status in ("upcoming", "planned")


@dataclass(frozen=True)
class Timeline:
    lanes: tuple[Lane, ...]
    rows: tuple[TimelineRow, ...]  # by start, then lane, then file order
    as_of: PartialDate
    as_of_start: dt.date
    as_of_end: dt.date

    @property
    def first(self) -> dt.date:
        return min((row.start for row in self.rows), default=self.as_of_start)

    @property
    def last(self) -> dt.date:
        return max((row.end for row in self.rows), default=self.as_of_end)


def extent(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The days a partial date covers, as ``[start, end)``."""
    if date.month is None:
        return dt.date(date.year, 1, 1), dt.date(date.year + 1, 1, 1)
    start = dt.date(date.year, date.month, date.day or 1)
    if date.day is not None:
        return start, start + dt.timedelta(days=1)
    if date.month == 12:
        return start, dt.date(date.year + 1, 1, 1)
    return start, dt.date(date.year, date.month + 1, 1)


def status_of(date: PartialDate, as_of: PartialDate) -> Status:
    """Past when all of it lies before as-of, upcoming when all of it lies after."""
    if date.is_after(as_of):
        return "upcoming"
    if as_of.is_after(date):
        return "past"
    return "current"


def event_status(event: Event, as_of: PartialDate) -> Status:
    """:func:`status_of` its date, or "planned" when the dossier calls an event that is
    not yet past planned (as the HTML timeline marks it PLANNED)."""
    status = status_of(event.date, as_of)
    if status == "current" and event_mark(event, as_of) == PLANNED_MARK:
        return "planned"
    return status


def markers(event: Event) -> str:
    return ", ".join(dict.fromkeys(cite.marker for cite in event.cites))


def build_timeline(dossier: Dossier, section_id: str | None = None) -> Timeline:
    """The dossier's events (or one section's), one lane per section in file order."""
    dated = [s for s in dossier.sections if s.events]
    sections = [s for s in dated if section_id in (None, s.id)]
    lanes = tuple(Lane(s.id, s.title, dated.index(s)) for s in sections)
    rows = []
    for lane, section in enumerate(sections):
        for event in section.events:
            start, end = extent(event.date)
            status = event_status(event, dossier.as_of)
            rows.append(
                TimelineRow(
                    event.anchor, lane, event.title, event.date, start, end, status, markers(event)
                )
            )
    rows.sort(key=lambda row: (row.start, row.end, row.lane))
    as_of_start, as_of_end = extent(dossier.as_of)
    return Timeline(lanes, tuple(rows), dossier.as_of, as_of_start, as_of_end)


def stack(rows: tuple[TimelineRow, ...] | list[TimelineRow], levels: int) -> dict[str, int]:
    """A level within its lane for each row, so that spans of one lane do not overlap
    (first free level; rows beyond ``levels`` share the last one)."""
    ends: dict[int, list[dt.date]] = {}
    out: dict[str, int] = {}
    for row in rows:
        lane_ends = ends.setdefault(row.lane, [])
        for level, end in enumerate(lane_ends):
            if end <= row.start:
                lane_ends[level] = row.end
                out[row.anchor] = level
                break
        else:
            if len(lane_ends) < levels:
                lane_ends.append(row.end)
                out[row.anchor] = len(lane_ends) - 1
            else:
                out[row.anchor] = levels - 1
                lane_ends[-1] = max(lane_ends[-1], row.end)
    return out
