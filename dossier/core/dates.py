"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as dossiers write them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# ASCII digits only: \d would take ٢٠٢١ or ２０２１, which no reader of the format expects
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Python's dates run from year 1 to 9999, and 9999's end (the day after it) is beyond them:
# pictures draw a date as the days it covers.
FIRST_YEAR, LAST_YEAR = 1, 9998
_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        match = _DATE_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"{text!r} is out of range: years run from 0001 to 9998")
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None and month is not None:
            last = _month_days(year, month)
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} has no day {day} (that month has {last})")
        return cls(year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates by where they end: a bare year after the months of that year, a
        month after its days.

        A dossier writes "2021" for some time in 2021 (often: planned for that year), so
        it reads after what is dated within the year. And as a date sorts by its end, the
        dates not yet past at an as-of date all sort after those that are.
        """
        return (self.year, self.month or 13, self.day or 32)

    def iso(self) -> str:
        """The date as written in a dossier (``2020-12``)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """A reader's form: ``2020``, ``Dec 2020``, ``3 Dec 2020``."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def _last_day(self) -> tuple[int, int, int]:
        month = self.month or 12
        day = self.day or _month_days(self.year, month)
        return (self.year, month, day)

    def _first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def is_after(self, other: PartialDate) -> bool:
        """True when all of this date lies after all of ``other`` (so "upcoming")."""
        return self._first_day() > other._last_day()

    def reaches_after(self, other: PartialDate) -> bool:
        """True when some of this date lies after all of ``other`` (so not yet past)."""
        return self._last_day() > other._last_day()

    def __str__(self) -> str:
        return self.iso()


def _month_days(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]
