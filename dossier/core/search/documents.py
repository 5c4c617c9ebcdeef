"""What search finds: every searchable thing of a dossier, as a flat document.

A document has three weighted fields, kept as display text (folding happens when it
is indexed): ``name`` (a proper name: an entity's name and aliases, the title of the
dossier or of a section), ``body`` (its words: a point, a figure's label, an event's
title, a quote, a summary, an entity's role, a source paragraph) and ``extra``
(details: a figure's value, unit, period and change, an event's date, a quote's
speaker, an entity's kind).

Each document points at its place with an anchor (:mod:`dossier.core.anchors`); a
source paragraph, stored once for every dossier that cites its source, has none
until a result names the dossier (and its id for the source). Turning a dossier into
documents is :mod:`.extract`; this module needs no model, so searching never loads
one.
Parts of one field are joined with ``SEP`` so that the display text can be put
back together; it folds to a space.
"""

from __future__ import annotations

from dossier.core import anchors
from dossier.core.records import NamedTuple

SEP = "\x1f"

# Rank tiers (0 ranks first); also the high bits of a document's row id, so that a
# broad query capped at N candidates keeps the N best-placed ones.
TIERS = {
    "entity": 0,
    "point": 1,
    "figure": 1,
    "event": 1,
    "quote": 1,
    "overview": 2,
    "section": 2,
    "paragraph": 3,
}


class Document(NamedTuple):
    """One searchable thing, as stored in the index (a tuple: cheap to build and to
    hand over between processes)."""

    kind: str
    anchor: str
    section_id: str | None
    section_title: str | None
    name: str
    body: str
    extra: str
    source_id: str | None
    paragraph: int | None

    @property
    def tier(self) -> int:
        return TIERS[self.kind]

    @property
    def text(self) -> str:
        """The document as a reader sees it in a result list."""
        return display_text(self.kind, self.name, self.body, self.extra)


def display_text(kind: str, name: str, body: str, extra: str) -> str:
    """The one-line text shown for a document of ``kind`` with these fields."""
    names = [part for part in name.split(SEP) if part]
    details = [part for part in extra.split(SEP) if part]
    if kind == "entity":
        head = names[0] if names else ""
        if len(names) > 1:
            head += f" ({', '.join(names[1:])})"
        return f"{head} — {body}" if body else head
    if kind == "figure":
        # extra: value text, unit, period, change, the value without separators
        value, unit, period, change, _ = (*extra.split(SEP), "", "", "", "", "")[:5]
        rest = "; ".join(part for part in (period, change) if part)
        sep = "" if unit in ("%", "") else " "
        text = f"{body}: {value}{sep}{unit}"
        return f"{text} ({rest})" if rest else text
    if kind == "event":
        date = details[1] if len(details) > 1 else (details[0] if details else "")
        return f"{date} — {body}" if date else body
    if kind == "quote":
        text = f"“{body}”"
        return f"{text} — {details[0]}" if details else text
    if kind in ("overview", "section"):
        return body
    return body or " ".join(names)


def anchor_in(doc: Document, source_id: str | None) -> str:
    """Where ``doc`` is in a dossier: its own anchor, or for a source's paragraph, its
    place under the id that dossier gives the source (``source_id``)."""
    if source_id is None or doc.kind != "paragraph":
        return doc.anchor
    return anchors.paragraph(source_id, doc.paragraph or 0)
