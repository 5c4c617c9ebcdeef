"""Plan a briefing: check the reader's choices and put together the template's parts.

``plan_briefing`` is the one entry point the exports, printing and print preview use;
the ``Briefing`` it returns carries the parts and the page furniture's texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from dossier.core.briefing.choices import (
    BRIEF,
    FULL,
    MAX_PAGES,
    POINTS_TEMPLATE,
    TEMPLATE_NAMES,
    BriefingOptions,
    check_banner,
    check_classification,
    check_handling,
    check_page_size,
    check_template,
    select_sections,
)
from dossier.core.briefing.full import full_parts
from dossier.core.briefing.marked_points import legend
from dossier.core.briefing.parts import Part
from dossier.core.briefing.points import talking_points
from dossier.core.briefing.short import brief_part, points_part
from dossier.core.html.pieces import PAPER
from dossier.core.markings import portion_marks
from dossier.core.model import Dossier, Point, Section


@dataclass(frozen=True)
class Briefing:
    """The planned document: its parts, page furniture texts and PDF metadata."""

    dossier: Dossier
    options: BriefingOptions
    sections: tuple[Section, ...]
    parts: tuple[Part, ...]
    banner: str  # the classification, in capitals
    running_title: str
    as_of_text: str  # "As of Feb 2021"
    produced: dt.date
    metadata: dict[str, str] = field(default_factory=dict)
    links: bool = False  # the citation markers link to their paragraph in the appendix
    contents_links: bool = False  # the contents entries link to their parts (a PDF's)
    handling: str | None = None  # printed under the banner on every page
    draft: bool = False  # a DRAFT watermark on every page
    max_pages: int | None = None  # the template's limit (brief 2, points 1)
    talking_points: tuple[tuple[Point, Section], ...] = ()
    points_chosen: bool = False  # False: the first point of each section stood in


def plan_briefing(
    dossier: Dossier, options: BriefingOptions, *, links: bool = False, planned: bool = True
) -> Briefing:
    """The parts of the briefing for these choices (raises BriefingError on bad choices).

    With ``links`` (and the source appendix chosen) the citation markers keep their
    ``cite:`` links, for a PDF to point at the appendix, and the contents entries link
    to their parts; otherwise they are plain text, as paper, printing and print
    preview need. Without ``planned`` a read-ahead lists only the events after the
    as-of date, not those its year still plans (for a brief that would not fit).
    """
    sections = select_sections(dossier, options.sections)
    template = check_template(options.template)
    override = check_classification(options.classification)
    classification = check_banner(dossier, sections, override)
    page_size = check_page_size(options.page_size)
    handling = check_handling(options.handling) or dossier.handling
    options = replace(
        options, page_size=page_size, classification=classification, template=template
    )
    produced = options.produced or dt.date.today()
    contents_links = links
    links = links and options.appendix and template == FULL
    marks = portion_marks(dossier, sections) if options.portion_marks else {}
    render = replace(PAPER, links=links, marks=marks)
    points, chosen = talking_points(dossier, sections, options)
    named = options.points is not None
    origin = legend(len(points), named=named, chosen=chosen, how=options.marked_how)
    if template == BRIEF:
        talking = (points, origin)
        parts = [brief_part(dossier, sections, talking, produced, render, planned=planned)]
    elif template == POINTS_TEMPLATE:
        parts = [points_part(dossier, points, origin, render)]
    else:
        parts = full_parts(
            dossier, sections, options.appendix, produced, render, notes=options.notes
        )
    return Briefing(
        dossier=dossier,
        options=options,
        sections=sections,
        parts=tuple(parts),
        banner=classification.upper(),
        running_title=dossier.title,
        as_of_text=f"As of {dossier.as_of.display()}",
        produced=produced,
        metadata=_metadata(dossier, sections, classification, template),
        links=links,
        contents_links=contents_links,
        handling=handling,
        draft=options.draft,
        max_pages=MAX_PAGES.get(template),
        talking_points=points,
        points_chosen=chosen,
    )


def _metadata(
    dossier: Dossier, sections: Sequence[Section], classification: str, template: str = FULL
) -> dict[str, str]:
    """The PDF's document information."""
    keywords = [*dossier.countries, *(s.title for s in sections), "briefing"]
    kind = "briefing" if template == FULL else TEMPLATE_NAMES[template].lower()
    return {
        "title": f"{dossier.title}: {kind}",
        "author": dossier.producer or "briefing-dossier",
        "subject": dossier.subtitle or f"Briefing on {dossier.title}",
        "keywords": ", ".join(dict.fromkeys(keywords)),
        "classification": classification.upper(),
    }
