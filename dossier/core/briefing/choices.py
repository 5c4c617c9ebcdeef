"""The reader's choices for a briefing, and the checks that turn each into a usable one.

The command line and the export dialog take the same choices; both check them here,
so a wrong one is refused with the same one-line message wherever it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.core.markings import banner_level, rank
from dossier.core.model import Dossier, Section
from dossier.core.text import describe

if TYPE_CHECKING:
    from dossier.core.briefing.analyst_notes import PrintedNotes

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
    marked_how: str = (
        ""  # how they were marked, for the legend (dossier.core.briefing.marked_points)
    )
    portion_marks: bool = False
    handling: str | None = None  # the handling caveat; None = the dossier's own
    draft: bool = False
    notes: PrintedNotes | None = None  # the analyst's notes to print (None: none)


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
    """The handling caveat as given (trimmed), or None; BriefingError when too long or
    when it holds a character that is not printed as itself (a control character, a
    bidi override that would reorder the line under every page's banner)."""
    if text is None:
        return None
    clean = " ".join(text.split())
    if len(clean) > MAX_HANDLING:
        raise BriefingError(
            f"the handling caveat is {len(clean)} characters; at most {MAX_HANDLING} fit"
        )
    hidden = next((c for c in clean if not c.isprintable()), None)
    if hidden is not None:
        raise BriefingError(
            f"the handling caveat holds {describe(hidden)}, which is not printed as typed; "
            "retype it"
        )
    return clean or None


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
